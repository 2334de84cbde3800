package org.btcmp.node.net;

import java.util.Set;

/** BIP152's data messages, passed on raw to the block layer. */
final class CompactBlockCommands {
    static final Set<String> ALL = Set.of("cmpctblock", "getblocktxn", "blocktxn");

    private CompactBlockCommands() {
    }
}

package org.btcmp.node.net;

import java.util.function.Consumer;
import java.util.function.LongPredicate;

/** What every peer shares with its connection manager. */
record PeerContext(PeerTimeouts timeouts, PeerListener listener, Discouraged discouraged, LongPredicate ownNonce,
        Consumer<Peer> onClosed) {
}

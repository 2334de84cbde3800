package org.btcmp.node.net;

import java.net.InetAddress;

/** What Core's MaybeDiscourageAndDisconnect does with a misbehaving peer. */
enum Punishment {
    /** noban permission or a manual connection: logged, nothing else. */
    NONE,
    /** A local address (loopback): disconnected but not discouraged. */
    DISCONNECT,
    /** Everyone else: the address is discouraged and the peer disconnected. */
    DISCOURAGE_AND_DISCONNECT;

    static Punishment of(ConnectionType type, boolean noban, InetAddress address) {
        if (noban || type == ConnectionType.MANUAL) {
            return NONE;
        }
        if (Inet.isLocal(address)) {
            return DISCONNECT;
        }
        return DISCOURAGE_AND_DISCONNECT;
    }
}

package org.btcmp.node.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address helpers Core's CNetAddr provides. */
final class Inet {
    static final InetAddress ANY_V4 = ofBytes(new byte[4]);

    private Inet() {
    }

    /** Core's IsLocal: 127.0.0.0/8, 0.0.0.0/8 and ::1; misbehaving local peers are not discouraged. */
    static boolean isLocal(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return b[0] == 127 || b[0] == 0;
        }
        return address.isLoopbackAddress();
    }

    private static InetAddress ofBytes(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes always form an address", e);
        }
    }
}

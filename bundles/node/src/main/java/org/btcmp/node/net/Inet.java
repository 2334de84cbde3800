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

    /**
     * Core's IsRoutable: not local, private (RFC 1918, 4193), shared (RFC 6598), link-local (RFC 3927, 4862),
     * benchmarking (RFC 2544), documentation (RFC 5737, 3849) or ORCHID (RFC 4843, 7343) space.
     */
    static boolean isRoutable(InetAddress address) {
        if (isLocal(address) || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b.length == 4) {
            int b2 = b[2] & 0xff;
            return !(b0 == 10 || (b0 == 192 && b1 == 168) || (b0 == 172 && b1 >= 16 && b1 <= 31)
                    || (b0 == 198 && (b1 == 18 || b1 == 19)) || (b0 == 169 && b1 == 254)
                    || (b0 == 100 && (b1 & 0xc0) == 64) || (b0 == 192 && b1 == 0 && b2 == 2)
                    || (b0 == 198 && b1 == 51 && b2 == 100) || (b0 == 203 && b1 == 0 && b2 == 113));
        }
        int b2 = b[2] & 0xff;
        int b3 = b[3] & 0xff;
        return !((b0 & 0xfe) == 0xfc || (b0 == 0xfe && (b1 & 0xc0) == 0x80)
                || (b0 == 0x20 && b1 == 0x01 && b2 == 0x0d && b3 == 0xb8)
                || (b0 == 0x20 && b1 == 0x01 && b2 == 0x00 && (b3 & 0xe0) == 0x20)
                || (b0 == 0x20 && b1 == 0x01 && b2 == 0x00 && (b3 & 0xf0) == 0x10));
    }

    private static InetAddress ofBytes(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes always form an address", e);
        }
    }
}

package org.btcmp.gui.model;

import java.nio.charset.StandardCharsets;

/** BIP21 payment URIs: {@code bitcoin:<address>?amount=<btc>&label=<percent-encoded>}. */
public final class Bip21 {
    private Bip21() {
    }

    /** The URI for {@code address}; amount 0 and an empty label are left out. */
    public static String uri(String address, long amountSats, String label) {
        StringBuilder u = new StringBuilder("bitcoin:").append(address);
        char sep = '?';
        if (amountSats > 0) {
            u.append(sep).append("amount=").append(BtcAmount.formatShort(amountSats));
            sep = '&';
        }
        if (label != null && !label.isEmpty()) {
            u.append(sep).append("label=").append(percentEncode(label));
        }
        return u.toString();
    }

    /** RFC 3986 percent-encoding of every byte outside the unreserved set (spaces as %20, not +). */
    static String percentEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}

package org.btcmp.primitives;

import java.util.HexFormat;

/** Lower-case hex as Core prints it; parsing rejects odd lengths and non-hex characters. */
public final class Hex {
    private static final HexFormat FORMAT = HexFormat.of();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    /** Decodes {@code hex}; throws {@link DecodeException} naming the problem. */
    public static byte[] decode(String hex) {
        if (hex == null) {
            throw new DecodeException("hex string is null");
        }
        if (hex.length() % 2 != 0) {
            throw new DecodeException("hex string has odd length " + hex.length());
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new DecodeException("hex string has a non-hex character at position " + i);
            }
        }
        return FORMAT.parseHex(hex);
    }

    /** True when {@code s} is non-null, of even length and only hex digits. */
    public static boolean isHex(String s) {
        if (s == null || s.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}

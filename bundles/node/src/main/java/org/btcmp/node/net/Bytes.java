package org.btcmp.node.net;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string with value equality: hashes, raw headers, opaque payloads. */
public final class Bytes {
    private final byte[] value;

    private Bytes(byte[] value) {
        this.value = value;
    }

    public static Bytes copyOf(byte[] value) {
        return new Bytes(value.clone());
    }

    static Bytes wrap(byte[] owned) {
        return new Bytes(owned);
    }

    public static Bytes fromHex(String hex) {
        return new Bytes(HexFormat.of().parseHex(hex));
    }

    /** A hash as Core displays it (byte-reversed hex), e.g. a block hash from {@code getbestblockhash}. */
    public static Bytes fromDisplayHex(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        reverse(b);
        return new Bytes(b);
    }

    public byte[] toByteArray() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    byte[] unsafeArray() {
        return value;
    }

    public String toHex() {
        return HexFormat.of().formatHex(value);
    }

    /** Byte-reversed hex, the order Core prints hashes in. */
    public String toDisplayHex() {
        byte[] b = value.clone();
        reverse(b);
        return HexFormat.of().formatHex(b);
    }

    private static void reverse(byte[] b) {
        for (int i = 0, j = b.length - 1; i < j; i++, j--) {
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return value.length <= 64 ? toHex() : toHex().substring(0, 64) + "...(" + value.length + " bytes)";
    }
}

package org.btcmp.mpgen.compile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Derived type ids, by the C++ compiler's rule: MD5 over the parent id (little-endian) and a
 * suffix, the first eight digest bytes read big-endian, top bit forced on.
 */
public final class TypeIds {
    private TypeIds() {
    }

    /** Id of a named nested declaration without an explicit id. */
    public static long child(long parentId, String name) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[8 + nameBytes.length];
        putLe(input, parentId, 8);
        System.arraycopy(nameBytes, 0, input, 8, nameBytes.length);
        return hash(input);
    }

    /** Id of a group or named union: parent id and the member's index in the parent's field list. */
    static long group(long parentId, int index) {
        byte[] input = new byte[10];
        putLe(input, parentId, 8);
        input[8] = (byte) index;
        input[9] = (byte) (index >>> 8);
        return hash(input);
    }

    /** Id of a method's implicit parameter or result struct. */
    static long methodParams(long parentId, int ordinal, boolean results) {
        byte[] input = new byte[11];
        putLe(input, parentId, 8);
        input[8] = (byte) ordinal;
        input[9] = (byte) (ordinal >>> 8);
        input[10] = (byte) (results ? 1 : 0);
        return hash(input);
    }

    private static void putLe(byte[] out, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
    }

    private static long hash(byte[] input) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("MD5").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java runtime", e);
        }
        long result = 0;
        for (int i = 0; i < 8; i++) {
            result = (result << 8) | (digest[i] & 0xff);
        }
        return result | Long.MIN_VALUE;
    }
}

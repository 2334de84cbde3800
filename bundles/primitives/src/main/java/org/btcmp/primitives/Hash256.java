package org.btcmp.primitives;

import java.util.Arrays;

/**
 * A 256-bit hash (txid, block hash, merkle root) kept in internal byte order; {@link #toString()}
 * gives the reversed hex that Core prints and RPC uses.
 */
public final class Hash256 implements Comparable<Hash256> {
    public static final Hash256 ZERO = new Hash256(new byte[32]);

    private final byte[] bytes;

    private Hash256(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes 32 bytes in internal order (as hashed and serialized). */
    public static Hash256 wrap(byte[] internal) {
        if (internal.length != 32) {
            throw new DecodeException("a hash needs 32 bytes, got " + internal.length);
        }
        return new Hash256(internal.clone());
    }

    /** Parses Core's display hex (64 characters, byte-reversed). */
    public static Hash256 fromHex(String hex) {
        if (hex == null || hex.length() != 64) {
            throw new DecodeException("a hash is 64 hex characters, got "
                    + (hex == null ? "null" : hex.length() + " characters"));
        }
        return new Hash256(reverse(Hex.decode(hex)));
    }

    public byte[] internalBytes() {
        return bytes.clone();
    }

    public boolean isZero() {
        return Arrays.equals(bytes, ZERO.bytes);
    }

    /** The hash read as a little-endian unsigned 256-bit number, as PoW compares it. */
    public java.math.BigInteger toBigInteger() {
        return new java.math.BigInteger(1, reverse(bytes));
    }

    static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    @Override
    public String toString() {
        return Hex.encode(reverse(bytes));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash256 h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Hash256 o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }
}

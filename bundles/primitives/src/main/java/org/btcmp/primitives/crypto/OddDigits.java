package org.btcmp.primitives.crypto;

import java.math.BigInteger;

/**
 * The constant-time scalar recoding and table read shared by {@link GeneratorMultiply} and
 * {@link PointMultiply}. For odd k, E = (k - 1)/2 + 2^255 has nibbles e_i with k = Σ (2e_i - 15)·16^i,
 * so every digit 2e_i - 15 is odd, in [-15, 15] and never zero; an even k is replaced by N - k (odd),
 * and the caller negates the result. A table holds, per window, the eight points 1, 3, ..., 15 times
 * that window's base as normalized affine x then y.
 */
final class OddDigits {
    static final int ENTRIES = 8;
    static final int STRIDE = 2 * Field.LIMBS;
    private static final long[] N_WORDS = words(Secp256k1.N);

    private OddDigits() {
    }

    /** E's eight 32-bit words (least significant first), then all ones if k was even (else 0); k in [1, N). */
    static long[] recode(BigInteger k) {
        long[] kw = words(k);
        long even = (kw[0] & 1) - 1;
        long[] e = new long[9];
        long borrow = 0;
        for (int i = 0; i < 8; i++) {
            long d = N_WORDS[i] - kw[i] - borrow;
            borrow = d >>> 63;
            e[i] = ((d & 0xffffffffL) & even) | (kw[i] & ~even);
        }
        for (int i = 0; i < 7; i++) {
            e[i] = ((e[i] >>> 1) | (e[i + 1] << 31)) & 0xffffffffL;
        }
        e[7] = (e[7] >>> 1) | 0x80000000L;
        e[8] = even;
        return e;
    }

    static int nibble(long[] e, int i) {
        return (int) (e[i >>> 3] >>> (4 * (i & 7))) & 15;
    }

    /**
     * The point for digit 2e - 15 from the eight entries at {@code base}: entry |d| &gt;&gt; 1, negated
     * when e &lt; 8. Every entry is read and masked, whatever e is.
     */
    static void lookup(long[] table, int base, int e, long[] px, long[] py, long[] negY) {
        int positive = e >>> 3;
        int entry = (e ^ ((positive - 1) & 7)) & 7;
        java.util.Arrays.fill(px, 0);
        java.util.Arrays.fill(py, 0);
        for (int j = 0; j < ENTRIES; j++) {
            long mask = ((j ^ entry) - 1) >> 31;
            int at = base + j * STRIDE;
            for (int l = 0; l < Field.LIMBS; l++) {
                px[l] |= table[at + l] & mask;
                py[l] |= table[at + Field.LIMBS + l] & mask;
            }
        }
        Field.negate(negY, py, 1);
        Field.normalizeWeak(negY);
        Field.select(py, negY, (long) positive - 1);
    }

    /** Copies the eight odd multiples of a table into {@code table} at {@code base}. */
    static void store(long[] table, int base, AffineTable odd) {
        for (int j = 0; j < ENTRIES; j++) {
            System.arraycopy(odd.xs[j], 0, table, base + j * STRIDE, Field.LIMBS);
            System.arraycopy(odd.ys[j], 0, table, base + j * STRIDE + Field.LIMBS, Field.LIMBS);
        }
    }

    /** k as eight 32-bit words, least significant first (k below 2^256). */
    private static long[] words(BigInteger k) {
        byte[] b = Secp256k1.to32(k);
        long[] w = new long[8];
        for (int i = 0; i < 8; i++) {
            int at = 28 - 4 * i;
            w[i] = ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
        }
        return w;
    }
}

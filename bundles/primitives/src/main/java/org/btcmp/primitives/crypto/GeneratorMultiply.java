package org.btcmp.primitives.crypto;

import java.math.BigInteger;

/**
 * Constant-time k·G for secret scalars (signing nonces, secret keys, key derivation): a fixed window
 * of 4 bits with signed odd digits over a table of (2j+1)·16^i·G, read by scanning all eight entries
 * of a window with masks. The sequence of field operations and memory accesses does not depend on k.
 *
 * <p>Recoding: for odd k, E = (k - 1)/2 + 2^255 has nibbles e_i with k = Σ (2e_i - 15)·16^i, so every
 * digit d_i = 2e_i - 15 is odd, in [-15, 15], and never zero. An even k is replaced by N - k (odd)
 * and the result negated. The partial sum before window i is a multiple of G with a scalar smaller
 * than 16^i in absolute value, so no addition meets ±its other operand, except at the last window for
 * the one odd scalar 15·2^253 - N, where it is a doubling: that step computes both and selects.
 */
final class GeneratorMultiply {
    private static final int WINDOWS = 64;
    private static final int ENTRIES = 8;
    private static final int STRIDE = 2 * Field.LIMBS;
    /** Window i, entry j: x then y of (2j+1)·16^i·G, normalized. */
    private static final long[] TABLE = buildTable();
    private static final long[] N_WORDS = words(Secp256k1.N);

    private GeneratorMultiply() {
    }

    /** k·G as normalized affine (x, y) into the two arrays; k in [1, N). */
    static void multiply(BigInteger k, long[] outX, long[] outY) {
        long[] kw = words(k);
        // odd k: use k; even k: use N - k and negate at the end.
        long even = (kw[0] & 1) - 1;
        long[] nk = new long[8];
        long borrow = 0;
        for (int i = 0; i < 8; i++) {
            long d = N_WORDS[i] - kw[i] - borrow;
            nk[i] = d & 0xffffffffL;
            borrow = d >>> 63;
        }
        long[] e = new long[8];
        for (int i = 0; i < 8; i++) {
            e[i] = (nk[i] & even) | (kw[i] & ~even);
        }
        // E = (k' >> 1) + 2^255
        for (int i = 0; i < 7; i++) {
            e[i] = ((e[i] >>> 1) | (e[i + 1] << 31)) & 0xffffffffL;
        }
        e[7] = (e[7] >>> 1) | 0x80000000L;

        Jacobian acc = new Jacobian();
        Jacobian doubled = new Jacobian();
        long[] px = Field.create();
        long[] py = Field.create();
        long[] negY = Field.create();
        long[] h = Field.create();
        lookup(0, nibble(e, 0), px, py, negY);
        acc.setAffine(px, py);
        for (int i = 1; i < WINDOWS; i++) {
            lookup(i, nibble(e, i), px, py, negY);
            if (i == WINDOWS - 1) {
                doubled.set(acc);
                doubled.doubleInPlace();
            }
            acc.addAffine(px, py, h);
        }
        Field.normalize(h);
        acc.select(doubled, Field.zeroMask(h));
        acc.toAffine(outX, outY);
        Field.negate(negY, outY, 1);
        Field.normalize(negY);
        Field.select(outY, negY, even);
    }

    private static int nibble(long[] e, int i) {
        return (int) (e[i >>> 3] >>> (4 * (i & 7))) & 15;
    }

    /** The point for digit 2e - 15 of window i: entry |d| >> 1, negated when e < 8; all entries read. */
    private static void lookup(int window, int e, long[] px, long[] py, long[] negY) {
        int positive = e >>> 3;
        int entry = (e ^ ((positive - 1) & 7)) & 7;
        java.util.Arrays.fill(px, 0);
        java.util.Arrays.fill(py, 0);
        int base = window * ENTRIES * STRIDE;
        for (int j = 0; j < ENTRIES; j++) {
            long mask = (((j ^ entry) - 1) >> 31);
            int at = base + j * STRIDE;
            for (int l = 0; l < Field.LIMBS; l++) {
                px[l] |= TABLE[at + l] & mask;
                py[l] |= TABLE[at + Field.LIMBS + l] & mask;
            }
        }
        Field.negate(negY, py, 1);
        Field.normalizeWeak(negY);
        Field.select(py, negY, (long) positive - 1);
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

    private static long[] buildTable() {
        long[] table = new long[WINDOWS * ENTRIES * STRIDE];
        long[] bx = Field.fromBig(Secp256k1.G.x());
        long[] by = Field.fromBig(Secp256k1.G.y());
        for (int i = 0; i < WINDOWS; i++) {
            AffineTable odd = new AffineTable(bx, by, ENTRIES);
            for (int j = 0; j < ENTRIES; j++) {
                System.arraycopy(odd.xs[j], 0, table, (i * ENTRIES + j) * STRIDE, Field.LIMBS);
                System.arraycopy(odd.ys[j], 0, table, (i * ENTRIES + j) * STRIDE + Field.LIMBS, Field.LIMBS);
            }
            // 16·base = 15·base + base
            Jacobian next = new Jacobian();
            next.setAffine(odd.xs[ENTRIES - 1], odd.ys[ENTRIES - 1]);
            next.addAffine(bx, by, Field.create());
            long[] nx = Field.create();
            long[] ny = Field.create();
            next.toAffine(nx, ny);
            bx = nx;
            by = ny;
        }
        return table;
    }
}

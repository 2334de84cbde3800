package org.btcmp.primitives.crypto;

import java.math.BigInteger;

/**
 * Arithmetic modulo secp256k1's P = 2^256 - 2^32 - 977 on ten 26-bit limbs held in a {@code long[10]}
 * (least significant first; the top limb has 22 bits), written into caller-owned arrays so that no
 * operation allocates. Limb products are 52 bits, so a column of ten of them and the folding
 * (2^260 = 2^36 + 15632 mod P) fit a long without carry tests (the columns are unsigned: with inputs
 * of magnitude 8 a column reaches 2^63.4, so only {@code >>>} and masks touch them); every method is branch-free, so the
 * same code serves the constant-time fixed-base multiplication.
 *
 * <p>Limbs are reduced lazily. An element has a "magnitude" m when limbs 0-8 are at most
 * 2m(2^26 - 1) and limb 9 at most 2m(2^22 - 1). {@link #mul} and {@link #sqr} take m &lt;= 8 and give
 * 1, {@link #add} gives the sum of the magnitudes, {@link #negate} m + 1, {@link #normalizeWeak} 1,
 * {@link #normalize} the unique value below P (needed before comparing or encoding).
 */
final class Field {
    static final int LIMBS = 10;
    private static final long M26 = 0x3ffffffL;
    private static final long M22 = 0x3fffffL;
    /** 2^260 mod P minus its 2^36 part: the folding factor of the limbs above the tenth. */
    private static final long FOLD = 15632;
    private static final long P0 = 0x3fffc2fL;
    private static final long P1 = 0x3ffffbfL;

    private Field() {
    }

    static long[] create() {
        return new long[LIMBS];
    }

    static long[] of(int v) {
        long[] r = new long[LIMBS];
        r[0] = v;
        return r;
    }

    /** A 32-byte big-endian value taken as is (it may be P or above; callers check the range). */
    static void setBytes(long[] r, byte[] b, int off) {
        long w0 = word(b, off + 24);
        long w1 = word(b, off + 16);
        long w2 = word(b, off + 8);
        long w3 = word(b, off);
        r[0] = w0 & M26;
        r[1] = (w0 >>> 26) & M26;
        r[2] = ((w0 >>> 52) | (w1 << 12)) & M26;
        r[3] = (w1 >>> 14) & M26;
        r[4] = ((w1 >>> 40) | (w2 << 24)) & M26;
        r[5] = (w2 >>> 2) & M26;
        r[6] = (w2 >>> 28) & M26;
        r[7] = ((w2 >>> 54) | (w3 << 10)) & M26;
        r[8] = (w3 >>> 16) & M26;
        r[9] = w3 >>> 42;
    }

    /** The 32 big-endian bytes of a normalized element. */
    static void getBytes(byte[] out, int off, long[] a) {
        long w0 = a[0] | (a[1] << 26) | (a[2] << 52);
        long w1 = (a[2] >>> 12) | (a[3] << 14) | (a[4] << 40);
        long w2 = (a[4] >>> 24) | (a[5] << 2) | (a[6] << 28) | (a[7] << 54);
        long w3 = (a[7] >>> 10) | (a[8] << 16) | (a[9] << 42);
        putWord(out, off, w3);
        putWord(out, off + 8, w2);
        putWord(out, off + 16, w1);
        putWord(out, off + 24, w0);
    }

    private static long word(byte[] b, int off) {
        long w = 0;
        for (int i = 0; i < 8; i++) {
            w = (w << 8) | (b[off + i] & 0xffL);
        }
        return w;
    }

    private static void putWord(byte[] b, int off, long w) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) w;
            w >>>= 8;
        }
    }

    static long[] fromBig(BigInteger v) {
        long[] r = new long[LIMBS];
        setBytes(r, Secp256k1.to32(v), 0);
        return r;
    }

    /** The value of a (not necessarily normalized) element. */
    static BigInteger toBig(long[] a) {
        long[] t = a.clone();
        normalize(t);
        byte[] b = new byte[32];
        getBytes(b, 0, t);
        return new BigInteger(1, b);
    }

    static void copy(long[] r, long[] a) {
        System.arraycopy(a, 0, r, 0, LIMBS);
    }

    /** r = a·b; r may be a or b. */
    static void mul(long[] r, long[] a, long[] b) {
        long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
        long a5 = a[5], a6 = a[6], a7 = a[7], a8 = a[8], a9 = a[9];
        long b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4];
        long b5 = b[5], b6 = b[6], b7 = b[7], b8 = b[8], b9 = b[9];
        long c0 = a0 * b0;
        long c1 = a0 * b1 + a1 * b0;
        long c2 = a0 * b2 + a1 * b1 + a2 * b0;
        long c3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
        long c4 = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0;
        long c5 = a0 * b5 + a1 * b4 + a2 * b3 + a3 * b2 + a4 * b1 + a5 * b0;
        long c6 = a0 * b6 + a1 * b5 + a2 * b4 + a3 * b3 + a4 * b2 + a5 * b1 + a6 * b0;
        long c7 = a0 * b7 + a1 * b6 + a2 * b5 + a3 * b4 + a4 * b3 + a5 * b2 + a6 * b1 + a7 * b0;
        long c8 = a0 * b8 + a1 * b7 + a2 * b6 + a3 * b5 + a4 * b4 + a5 * b3 + a6 * b2 + a7 * b1 + a8 * b0;
        long c9 = a0 * b9 + a1 * b8 + a2 * b7 + a3 * b6 + a4 * b5 + a5 * b4 + a6 * b3 + a7 * b2 + a8 * b1 + a9 * b0;
        long c10 = a1 * b9 + a2 * b8 + a3 * b7 + a4 * b6 + a5 * b5 + a6 * b4 + a7 * b3 + a8 * b2 + a9 * b1;
        long c11 = a2 * b9 + a3 * b8 + a4 * b7 + a5 * b6 + a6 * b5 + a7 * b4 + a8 * b3 + a9 * b2;
        long c12 = a3 * b9 + a4 * b8 + a5 * b7 + a6 * b6 + a7 * b5 + a8 * b4 + a9 * b3;
        long c13 = a4 * b9 + a5 * b8 + a6 * b7 + a7 * b6 + a8 * b5 + a9 * b4;
        long c14 = a5 * b9 + a6 * b8 + a7 * b7 + a8 * b6 + a9 * b5;
        long c15 = a6 * b9 + a7 * b8 + a8 * b7 + a9 * b6;
        long c16 = a7 * b9 + a8 * b8 + a9 * b7;
        long c17 = a8 * b9 + a9 * b8;
        long c18 = a9 * b9;
        // Column k >= 10 weighs 2^(26(k-10))·2^260 = 2^(26(k-10))·(FOLD + 2^10·2^26). Its low 26
        // bits fold into limbs k-10 and k-9, its upper bits (one limb up) into k-9 and k-8: no
        // product can overflow and no carry chain runs before the fold. Column 18's upper bits land
        // at limb 19, whose 2^10·2^260 part folds once more (FOLD·2^10 at limb 0, 2^20 at limb 1).
        long l10 = c10 & M26, h10 = c10 >>> 26, l11 = c11 & M26, h11 = c11 >>> 26;
        long l12 = c12 & M26, h12 = c12 >>> 26, l13 = c13 & M26, h13 = c13 >>> 26;
        long l14 = c14 & M26, h14 = c14 >>> 26, l15 = c15 & M26, h15 = c15 >>> 26;
        long l16 = c16 & M26, h16 = c16 >>> 26, l17 = c17 & M26, h17 = c17 >>> 26;
        long l18 = c18 & M26, h18 = c18 >>> 26;
        carry(r, c0 + l10 * FOLD + h18 * (FOLD << 10),
                c1 + l11 * FOLD + (l10 << 10) + h10 * FOLD + (h18 << 20),
                c2 + l12 * FOLD + (l11 << 10) + h11 * FOLD + (h10 << 10),
                c3 + l13 * FOLD + (l12 << 10) + h12 * FOLD + (h11 << 10),
                c4 + l14 * FOLD + (l13 << 10) + h13 * FOLD + (h12 << 10),
                c5 + l15 * FOLD + (l14 << 10) + h14 * FOLD + (h13 << 10),
                c6 + l16 * FOLD + (l15 << 10) + h15 * FOLD + (h14 << 10),
                c7 + l17 * FOLD + (l16 << 10) + h16 * FOLD + (h15 << 10),
                c8 + l18 * FOLD + (l17 << 10) + h17 * FOLD + (h16 << 10),
                c9 + (l18 << 10) + h18 * FOLD + (h17 << 10));
    }

    /** r = a²; r may be a. */
    static void sqr(long[] r, long[] a) {
        long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
        long a5 = a[5], a6 = a[6], a7 = a[7], a8 = a[8], a9 = a[9];
        long d0 = a0 * 2, d1 = a1 * 2, d2 = a2 * 2, d3 = a3 * 2, d4 = a4 * 2;
        long d5 = a5 * 2, d6 = a6 * 2, d7 = a7 * 2, d8 = a8 * 2;
        long c0 = a0 * a0;
        long c1 = d0 * a1;
        long c2 = d0 * a2 + a1 * a1;
        long c3 = d0 * a3 + d1 * a2;
        long c4 = d0 * a4 + d1 * a3 + a2 * a2;
        long c5 = d0 * a5 + d1 * a4 + d2 * a3;
        long c6 = d0 * a6 + d1 * a5 + d2 * a4 + a3 * a3;
        long c7 = d0 * a7 + d1 * a6 + d2 * a5 + d3 * a4;
        long c8 = d0 * a8 + d1 * a7 + d2 * a6 + d3 * a5 + a4 * a4;
        long c9 = d0 * a9 + d1 * a8 + d2 * a7 + d3 * a6 + d4 * a5;
        long c10 = d1 * a9 + d2 * a8 + d3 * a7 + d4 * a6 + a5 * a5;
        long c11 = d2 * a9 + d3 * a8 + d4 * a7 + d5 * a6;
        long c12 = d3 * a9 + d4 * a8 + d5 * a7 + a6 * a6;
        long c13 = d4 * a9 + d5 * a8 + d6 * a7;
        long c14 = d5 * a9 + d6 * a8 + a7 * a7;
        long c15 = d6 * a9 + d7 * a8;
        long c16 = d7 * a9 + a8 * a8;
        long c17 = d8 * a9;
        long c18 = a9 * a9;
        // Column k >= 10 weighs 2^(26(k-10))·2^260 = 2^(26(k-10))·(FOLD + 2^10·2^26). Its low 26
        // bits fold into limbs k-10 and k-9, its upper bits (one limb up) into k-9 and k-8: no
        // product can overflow and no carry chain runs before the fold. Column 18's upper bits land
        // at limb 19, whose 2^10·2^260 part folds once more (FOLD·2^10 at limb 0, 2^20 at limb 1).
        long l10 = c10 & M26, h10 = c10 >>> 26, l11 = c11 & M26, h11 = c11 >>> 26;
        long l12 = c12 & M26, h12 = c12 >>> 26, l13 = c13 & M26, h13 = c13 >>> 26;
        long l14 = c14 & M26, h14 = c14 >>> 26, l15 = c15 & M26, h15 = c15 >>> 26;
        long l16 = c16 & M26, h16 = c16 >>> 26, l17 = c17 & M26, h17 = c17 >>> 26;
        long l18 = c18 & M26, h18 = c18 >>> 26;
        carry(r, c0 + l10 * FOLD + h18 * (FOLD << 10),
                c1 + l11 * FOLD + (l10 << 10) + h10 * FOLD + (h18 << 20),
                c2 + l12 * FOLD + (l11 << 10) + h11 * FOLD + (h10 << 10),
                c3 + l13 * FOLD + (l12 << 10) + h12 * FOLD + (h11 << 10),
                c4 + l14 * FOLD + (l13 << 10) + h13 * FOLD + (h12 << 10),
                c5 + l15 * FOLD + (l14 << 10) + h14 * FOLD + (h13 << 10),
                c6 + l16 * FOLD + (l15 << 10) + h15 * FOLD + (h14 << 10),
                c7 + l17 * FOLD + (l16 << 10) + h16 * FOLD + (h15 << 10),
                c8 + l18 * FOLD + (l17 << 10) + h17 * FOLD + (h16 << 10),
                c9 + (l18 << 10) + h18 * FOLD + (h17 << 10));
    }

    /**
     * Carries ten folded limbs (unsigned, below 2^64) into magnitude 1; the bits from 2^256 up fold
     * back as 2^256 = 977 + 2^6·2^26 (mod P).
     */
    private static void carry(long[] r, long t0, long t1, long t2, long t3, long t4, long t5, long t6, long t7,
            long t8, long t9) {
        t1 += t0 >>> 26;
        t0 &= M26;
        t2 += t1 >>> 26;
        t1 &= M26;
        t3 += t2 >>> 26;
        t2 &= M26;
        t4 += t3 >>> 26;
        t3 &= M26;
        t5 += t4 >>> 26;
        t4 &= M26;
        t6 += t5 >>> 26;
        t5 &= M26;
        t7 += t6 >>> 26;
        t6 &= M26;
        t8 += t7 >>> 26;
        t7 &= M26;
        t9 += t8 >>> 26;
        t8 &= M26;
        long top = t9 >>> 22;
        t0 += top * 977;
        t1 += (top << 6) + (t0 >>> 26);
        r[0] = t0 & M26;
        r[1] = t1 & M26;
        r[2] = t2 + (t1 >>> 26);
        r[3] = t3;
        r[4] = t4;
        r[5] = t5;
        r[6] = t6;
        r[7] = t7;
        r[8] = t8;
        r[9] = t9 & M22;
    }

    /** r = a + b (magnitudes add); r may be a or b. */
    static void add(long[] r, long[] a, long[] b) {
        for (int i = 0; i < LIMBS; i++) {
            r[i] = a[i] + b[i];
        }
    }

    /** r = a·k for a small k (the magnitude is multiplied by k). */
    static void mulInt(long[] r, long[] a, int k) {
        for (int i = 0; i < LIMBS; i++) {
            r[i] = a[i] * k;
        }
    }

    /** r = -a for a of magnitude at most m: 2(m+1)·P - a limb by limb, magnitude m + 1. */
    static void negate(long[] r, long[] a, int m) {
        long f = 2L * (m + 1);
        r[0] = f * P0 - a[0];
        r[1] = f * P1 - a[1];
        for (int i = 2; i < 9; i++) {
            r[i] = f * M26 - a[i];
        }
        r[9] = f * M22 - a[9];
    }

    /** Carries and folds the bits above 2^256 once: magnitude 1, not necessarily below P. */
    static void normalizeWeak(long[] r) {
        long t9 = r[9];
        long top = t9 >>> 22;
        t9 &= M22;
        long t0 = r[0] + top * 977;
        long t1 = r[1] + (top << 6) + (t0 >>> 26);
        t0 &= M26;
        long t2 = r[2] + (t1 >>> 26);
        t1 &= M26;
        long t3 = r[3] + (t2 >>> 26);
        t2 &= M26;
        long t4 = r[4] + (t3 >>> 26);
        t3 &= M26;
        long t5 = r[5] + (t4 >>> 26);
        t4 &= M26;
        long t6 = r[6] + (t5 >>> 26);
        t5 &= M26;
        long t7 = r[7] + (t6 >>> 26);
        t6 &= M26;
        long t8 = r[8] + (t7 >>> 26);
        t7 &= M26;
        t9 += t8 >>> 26;
        t8 &= M26;
        r[0] = t0;
        r[1] = t1;
        r[2] = t2;
        r[3] = t3;
        r[4] = t4;
        r[5] = t5;
        r[6] = t6;
        r[7] = t7;
        r[8] = t8;
        r[9] = t9;
    }

    /** The unique representative below P (magnitude at most 32), without branches. */
    static void normalize(long[] r) {
        normalizeWeak(r);
        // Below 2^256 + 2^43 now; one more fold brings it below 2^256.
        normalizeWeak(r);
        // r >= P exactly when r + (2^256 - P) carries out of 2^256; keep that sum then.
        long u0 = r[0] + 977;
        long u1 = r[1] + 64 + (u0 >>> 26);
        u0 &= M26;
        long u2 = r[2] + (u1 >>> 26);
        u1 &= M26;
        long u3 = r[3] + (u2 >>> 26);
        u2 &= M26;
        long u4 = r[4] + (u3 >>> 26);
        u3 &= M26;
        long u5 = r[5] + (u4 >>> 26);
        u4 &= M26;
        long u6 = r[6] + (u5 >>> 26);
        u5 &= M26;
        long u7 = r[7] + (u6 >>> 26);
        u6 &= M26;
        long u8 = r[8] + (u7 >>> 26);
        u7 &= M26;
        long u9 = r[9] + (u8 >>> 26);
        u8 &= M26;
        long keepSum = -(u9 >>> 22);
        u9 &= M22;
        r[0] = (u0 & keepSum) | (r[0] & ~keepSum);
        r[1] = (u1 & keepSum) | (r[1] & ~keepSum);
        r[2] = (u2 & keepSum) | (r[2] & ~keepSum);
        r[3] = (u3 & keepSum) | (r[3] & ~keepSum);
        r[4] = (u4 & keepSum) | (r[4] & ~keepSum);
        r[5] = (u5 & keepSum) | (r[5] & ~keepSum);
        r[6] = (u6 & keepSum) | (r[6] & ~keepSum);
        r[7] = (u7 & keepSum) | (r[7] & ~keepSum);
        r[8] = (u8 & keepSum) | (r[8] & ~keepSum);
        r[9] = (u9 & keepSum) | (r[9] & ~keepSum);
    }

    /** All ones when the normalized a is zero, else 0 (no branch). */
    static long zeroMask(long[] a) {
        long or = 0;
        for (int i = 0; i < LIMBS; i++) {
            or |= a[i];
        }
        return ((or | -or) >>> 63) - 1;
    }

    /** Whether a (any magnitude up to 32) is zero mod P; a is left unchanged. */
    static boolean isZeroVar(long[] a, long[] scratch) {
        copy(scratch, a);
        normalize(scratch);
        return zeroMask(scratch) != 0;
    }

    /** r = mask ? a : r, for mask all ones or zero. */
    static void select(long[] r, long[] a, long mask) {
        for (int i = 0; i < LIMBS; i++) {
            r[i] = (a[i] & mask) | (r[i] & ~mask);
        }
    }

    static boolean equalsNormalized(long[] a, long[] b) {
        long diff = 0;
        for (int i = 0; i < LIMBS; i++) {
            diff |= a[i] ^ b[i];
        }
        return diff == 0;
    }

    /** Whether the normalized a is odd. */
    static boolean isOdd(long[] a) {
        return (a[0] & 1) != 0;
    }
}

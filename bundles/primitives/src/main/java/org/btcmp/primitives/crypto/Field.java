package org.btcmp.primitives.crypto;

import java.math.BigInteger;

/**
 * Arithmetic modulo secp256k1's P on eight 32-bit limbs held in longs (least significant first),
 * always fully reduced: products of two limbs plus two carries still fit an unsigned 64-bit long,
 * and 2^256 = 2^32 + 977 (mod P) lets a 512-bit product fold down without any division.
 */
final class Field {
    private static final long MASK = 0xffffffffL;
    /** P = 2^256 - 2^32 - 977, spelled out so this class never waits for Secp256k1's initialisation. */
    private static final long[] P = {0xfffffc2fL, 0xfffffffeL, MASK, MASK, MASK, MASK, MASK, MASK};
    private static final BigInteger P_BIG = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE.shiftLeft(32))
            .subtract(BigInteger.valueOf(977));

    private Field() {
    }

    static long[] fromBig(BigInteger v) {
        long[] r = new long[8];
        for (int i = 0; i < 8; i++) {
            r[i] = v.shiftRight(32 * i).longValue() & MASK;
        }
        return r;
    }

    static BigInteger toBig(long[] a) {
        byte[] b = new byte[32];
        for (int i = 0; i < 8; i++) {
            long limb = a[i];
            int at = 31 - 4 * i;
            b[at] = (byte) limb;
            b[at - 1] = (byte) (limb >>> 8);
            b[at - 2] = (byte) (limb >>> 16);
            b[at - 3] = (byte) (limb >>> 24);
        }
        return new BigInteger(1, b);
    }

    static boolean isZero(long[] a) {
        long or = 0;
        for (long limb : a) {
            or |= limb;
        }
        return or == 0;
    }

    static long[] mul(long[] a, long[] b) {
        long[] t = new long[16];
        for (int i = 0; i < 8; i++) {
            long ai = a[i];
            long carry = 0;
            for (int j = 0; j < 8; j++) {
                long x = ai * b[j] + t[i + j] + carry;
                t[i + j] = x & MASK;
                carry = x >>> 32;
            }
            t[i + 8] = carry;
        }
        // t = lo + hi·2^256 = lo + hi·977 + hi·2^32 (mod P)
        long[] r = new long[8];
        long c = 0;
        for (int i = 0; i < 8; i++) {
            c += t[i] + t[i + 8] * 977 + (i > 0 ? t[i + 7] : 0);
            r[i] = c & MASK;
            c >>>= 32;
        }
        return fold(r, c + t[15]);
    }

    static long[] sqr(long[] a) {
        return mul(a, a);
    }

    /** r + top·2^256 reduced, for top < 2^40. */
    private static long[] fold(long[] r, long top) {
        long c = r[0] + top * 977;
        r[0] = c & MASK;
        c = (c >>> 32) + r[1] + top;
        r[1] = c & MASK;
        c >>>= 32;
        for (int i = 2; i < 8; i++) {
            c += r[i];
            r[i] = c & MASK;
            c >>>= 32;
        }
        if (c != 0) {
            // Wrapped past 2^256 once more: r is now tiny, adding 2^32 + 977 cannot carry out again.
            c = r[0] + 977;
            r[0] = c & MASK;
            c = (c >>> 32) + r[1] + 1;
            r[1] = c & MASK;
            c >>>= 32;
            for (int i = 2; i < 8 && c != 0; i++) {
                c += r[i];
                r[i] = c & MASK;
                c >>>= 32;
            }
        }
        if (atLeastP(r)) {
            subtractP(r);
        }
        return r;
    }

    private static boolean atLeastP(long[] r) {
        for (int i = 7; i >= 0; i--) {
            if (r[i] != P[i]) {
                return r[i] > P[i];
            }
        }
        return true;
    }

    private static void subtractP(long[] r) {
        long borrow = 0;
        for (int i = 0; i < 8; i++) {
            long d = r[i] - P[i] - borrow;
            r[i] = d & MASK;
            borrow = d < 0 ? 1 : 0;
        }
    }

    static long[] add(long[] a, long[] b) {
        long[] r = new long[8];
        long c = 0;
        for (int i = 0; i < 8; i++) {
            c += a[i] + b[i];
            r[i] = c & MASK;
            c >>>= 32;
        }
        if (c != 0 || atLeastP(r)) {
            subtractP(r);
        }
        return r;
    }

    static long[] sub(long[] a, long[] b) {
        long[] r = new long[8];
        long borrow = 0;
        for (int i = 0; i < 8; i++) {
            long d = a[i] - b[i] - borrow;
            r[i] = d & MASK;
            borrow = d < 0 ? 1 : 0;
        }
        if (borrow != 0) {
            long c = 0;
            for (int i = 0; i < 8; i++) {
                c += r[i] + P[i];
                r[i] = c & MASK;
                c >>>= 32;
            }
        }
        return r;
    }

    static long[] negate(long[] a) {
        return sub(new long[8], a);
    }

    static long[] inverse(long[] a) {
        return fromBig(toBig(a).modInverse(P_BIG));
    }
}

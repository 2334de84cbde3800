package org.btcmp.primitives.crypto;

import java.math.BigInteger;

/**
 * The secp256k1 curve, dependency-free: Jacobian coordinates on {@link Field}'s 32-bit limbs inside
 * (no division, one inversion per result), and wNAF with Shamir's trick for verification. Points
 * given and returned are affine and immutable; {@code null} is the point at infinity.
 */
public final class Secp256k1 {
    public static final BigInteger P = new BigInteger(
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", 16);
    public static final BigInteger N = new BigInteger(
            "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
    public static final BigInteger HALF_N = N.shiftRight(1);
    public static final Point G = new Point(
            new BigInteger("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798", 16),
            new BigInteger("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8", 16));
    private static final BigInteger SEVEN = BigInteger.valueOf(7);
    private static final long[] ONE = Field.fromBig(BigInteger.ONE);
    /** Window widths of the wNAF digits: G's table is built once, so it can be wider. */
    private static final int G_WINDOW = 8;
    private static final int Q_WINDOW = 5;
    private static final long[][][] G_TABLE = oddMultiples(affine(G), G_WINDOW);

    private Secp256k1() {
    }

    /** An affine point on the curve. */
    public record Point(BigInteger x, BigInteger y) {
        public boolean hasEvenY() {
            return !y.testBit(0);
        }
    }

    public static boolean isOnCurve(Point p) {
        return p != null && p.y.pow(2).subtract(p.x.pow(3)).subtract(SEVEN).mod(P).signum() == 0;
    }

    /** a + b (one inversion). */
    public static Point add(Point a, Point b) {
        if (a == null) {
            return b;
        }
        return toAffine(jAddAffine(jacobian(a), affine(b)));
    }

    /** k·p; k·G uses the precomputed table of G. */
    public static Point multiply(Point p, BigInteger k) {
        if (p == null) {
            return null;
        }
        return p.equals(G) ? multiplyAdd(k, null, BigInteger.ZERO) : multiplyAdd(BigInteger.ZERO, p, k);
    }

    /**
     * a·G + b·q as ECDSA and BIP340 verification need: both scalars in width-w NAF, one shared chain
     * of Jacobian doublings (Shamir's trick), additions of precomputed affine odd multiples (G's
     * table built once, q's per call with a single batched inversion). Scalars are taken modulo N.
     */
    public static Point multiplyAdd(BigInteger a, Point q, BigInteger b) {
        int[] na = wnaf(reduceScalar(a), G_WINDOW);
        int[] nb = q == null ? new int[0] : wnaf(reduceScalar(b), Q_WINDOW);
        long[][][] qTable = nb.length == 0 ? null : oddMultiples(affine(q), Q_WINDOW);
        long[][] r = null;
        for (int i = Math.max(na.length, nb.length) - 1; i >= 0; i--) {
            r = jDouble(r);
            if (i < na.length && na[i] != 0) {
                r = jAddAffine(r, digit(G_TABLE, na[i]));
            }
            if (i < nb.length && nb[i] != 0) {
                r = jAddAffine(r, digit(qTable, nb[i]));
            }
        }
        return toAffine(r);
    }

    private static BigInteger reduceScalar(BigInteger k) {
        return k.signum() < 0 || k.compareTo(N) >= 0 ? k.mod(N) : k;
    }

    /** The affine point {x, y} for a non-zero NAF digit d: table[|d|/2], negated when d < 0. */
    private static long[][] digit(long[][][] table, int d) {
        long[][] p = table[Math.abs(d) >> 1];
        return d > 0 ? p : new long[][] {p[0], Field.negate(p[1])};
    }

    /**
     * Width-w non-adjacent form, least significant digit first: every digit is 0 or odd with
     * |d| < 2^(w-1), and any w consecutive digits hold at most one that is non-zero.
     */
    static int[] wnaf(BigInteger k, int w) {
        int[] out = new int[k.bitLength() + 1];
        int len = 0;
        BigInteger v = k;
        int i = 0;
        while (v.signum() > 0) {
            if (v.testBit(0)) {
                int d = v.intValue() & ((1 << w) - 1);
                if (d >= 1 << (w - 1)) {
                    d -= 1 << w;
                }
                out[i] = d;
                v = v.subtract(BigInteger.valueOf(d));
                len = i + 1;
            }
            v = v.shiftRight(1);
            i++;
        }
        return java.util.Arrays.copyOf(out, len);
    }

    private static long[][] affine(Point p) {
        return p == null ? null : new long[][] {Field.fromBig(p.x), Field.fromBig(p.y)};
    }

    private static long[][] jacobian(Point p) {
        return new long[][] {Field.fromBig(p.x), Field.fromBig(p.y), ONE};
    }

    /** p, 3p, 5p, ... (2^(w-1) - 1)p as affine {x, y} (p is a point of prime order, never infinity). */
    private static long[][][] oddMultiples(long[][] p, int w) {
        int count = 1 << (w - 2);
        long[][][] jac = new long[count][][];
        jac[0] = new long[][] {p[0], p[1], ONE};
        long[][] twice = jDouble(jac[0]);
        long[][] twiceAffine = batchToAffine(new long[][][] {twice})[0];
        for (int i = 1; i < count; i++) {
            jac[i] = jAddAffine(jac[i - 1], twiceAffine);
        }
        return batchToAffine(jac);
    }

    /** Montgomery's trick: every z inverted with one inversion and a few multiplications each. */
    private static long[][][] batchToAffine(long[][][] jac) {
        int n = jac.length;
        long[][] prefix = new long[n][];
        long[] acc = ONE;
        for (int i = 0; i < n; i++) {
            acc = Field.mul(acc, jac[i][2]);
            prefix[i] = acc;
        }
        long[][][] out = new long[n][][];
        long[] inv = Field.inverse(acc);
        for (int i = n - 1; i >= 0; i--) {
            long[] zi = i == 0 ? inv : Field.mul(inv, prefix[i - 1]);
            inv = Field.mul(inv, jac[i][2]);
            long[] zi2 = Field.sqr(zi);
            out[i] = new long[][] {Field.mul(jac[i][0], zi2), Field.mul(Field.mul(jac[i][1], zi2), zi)};
        }
        return out;
    }

    /** 2a in Jacobian coordinates {x, y, z} (a = 0 curve); null is infinity. */
    private static long[][] jDouble(long[][] a) {
        if (a == null || Field.isZero(a[1])) {
            return null;
        }
        long[] ysq = Field.sqr(a[1]);
        long[] xysq = Field.mul(a[0], ysq);
        long[] s2 = Field.add(xysq, xysq);
        long[] s = Field.add(s2, s2);
        long[] xx = Field.sqr(a[0]);
        long[] m = Field.add(Field.add(xx, xx), xx);
        long[] x = Field.sub(Field.sqr(m), Field.add(s, s));
        long[] y4 = Field.sqr(ysq);
        long[] y8 = Field.add(y4, y4);
        y8 = Field.add(y8, y8);
        y8 = Field.add(y8, y8);
        long[] y = Field.sub(Field.mul(m, Field.sub(s, x)), y8);
        long[] yz = Field.mul(a[1], a[2]);
        return new long[][] {x, y, Field.add(yz, yz)};
    }

    /** a + b with a Jacobian, b affine {x, y} (either may be infinity, b may equal ±a). */
    private static long[][] jAddAffine(long[][] a, long[][] b) {
        if (b == null) {
            return a;
        }
        if (a == null) {
            return new long[][] {b[0], b[1], ONE};
        }
        long[] z2 = Field.sqr(a[2]);
        long[] u2 = Field.mul(b[0], z2);
        long[] s2 = Field.mul(Field.mul(b[1], z2), a[2]);
        long[] h = Field.sub(u2, a[0]);
        long[] r = Field.sub(s2, a[1]);
        if (Field.isZero(h)) {
            return Field.isZero(r) ? jDouble(a) : null;
        }
        long[] h2 = Field.sqr(h);
        long[] h3 = Field.mul(h2, h);
        long[] u1h2 = Field.mul(a[0], h2);
        long[] x = Field.sub(Field.sub(Field.sqr(r), h3), Field.add(u1h2, u1h2));
        long[] y = Field.sub(Field.mul(r, Field.sub(u1h2, x)), Field.mul(a[1], h3));
        return new long[][] {x, y, Field.mul(a[2], h)};
    }

    private static Point toAffine(long[][] j) {
        if (j == null) {
            return null;
        }
        long[][] p = batchToAffine(new long[][][] {j})[0];
        return new Point(Field.toBig(p[0]), Field.toBig(p[1]));
    }

    public static Point negate(Point p) {
        return p == null ? null : new Point(p.x, P.subtract(p.y).mod(P));
    }

    /** The point with this x and the requested y parity, or null when x is not on the curve. */
    public static Point lift(BigInteger x, boolean oddY) {
        if (x.signum() < 0 || x.compareTo(P) >= 0) {
            return null;
        }
        BigInteger ySquared = x.pow(3).add(SEVEN).mod(P);
        BigInteger y = ySquared.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
        if (!y.pow(2).mod(P).equals(ySquared)) {
            return null;
        }
        if (y.testBit(0) != oddY) {
            y = P.subtract(y);
        }
        return new Point(x, y);
    }

    static byte[] to32(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[32];
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, out, 32 - len, len);
        return out;
    }
}

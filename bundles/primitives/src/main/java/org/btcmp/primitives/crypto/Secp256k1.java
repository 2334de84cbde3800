package org.btcmp.primitives.crypto;

import java.math.BigInteger;

/**
 * The secp256k1 curve in affine coordinates on BigInteger: plain and slow, but dependency-free and
 * easy to check. Points are immutable; {@code null} is the point at infinity.
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

    public static Point add(Point a, Point b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        BigInteger lambda;
        if (a.x.equals(b.x)) {
            if (a.y.add(b.y).mod(P).signum() == 0) {
                return null;
            }
            lambda = a.x.pow(2).multiply(BigInteger.valueOf(3)).multiply(a.y.shiftLeft(1).modInverse(P)).mod(P);
        } else {
            lambda = b.y.subtract(a.y).multiply(b.x.subtract(a.x).modInverse(P)).mod(P);
        }
        BigInteger x = lambda.pow(2).subtract(a.x).subtract(b.x).mod(P);
        BigInteger y = lambda.multiply(a.x.subtract(x)).subtract(a.y).mod(P);
        return new Point(x, y);
    }

    /** k·p by double-and-add in Jacobian coordinates (one inversion at the end instead of one per step). */
    public static Point multiply(Point p, BigInteger k) {
        if (p == null || k.signum() == 0) {
            return null;
        }
        BigInteger[] r = null;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            if (r != null) {
                r = jDouble(r);
            }
            if (k.testBit(i)) {
                r = r == null ? new BigInteger[] {p.x, p.y, BigInteger.ONE} : jAddAffine(r, p);
            }
        }
        return toAffine(r);
    }

    /** a·G + b·q with one shared doubling chain (Shamir's trick), as ECDSA verification needs. */
    public static Point multiplyAdd(BigInteger a, Point q, BigInteger b) {
        Point gq = add(G, q);
        BigInteger[] r = null;
        for (int i = Math.max(a.bitLength(), b.bitLength()) - 1; i >= 0; i--) {
            if (r != null) {
                r = jDouble(r);
            }
            boolean ba = a.testBit(i);
            boolean bb = b.testBit(i);
            Point addend = ba && bb ? gq : ba ? G : bb ? q : null;
            if (addend != null) {
                r = r == null ? new BigInteger[] {addend.x, addend.y, BigInteger.ONE} : jAddAffine(r, addend);
            }
        }
        return toAffine(r);
    }

    private static BigInteger[] jDouble(BigInteger[] a) {
        if (a == null || a[1].signum() == 0) {
            return null;
        }
        BigInteger ysq = a[1].multiply(a[1]).mod(P);
        BigInteger s = a[0].multiply(ysq).shiftLeft(2).mod(P);
        BigInteger m = a[0].multiply(a[0]).multiply(BigInteger.valueOf(3)).mod(P);
        BigInteger x = m.multiply(m).subtract(s.shiftLeft(1)).mod(P);
        BigInteger y = m.multiply(s.subtract(x)).subtract(ysq.multiply(ysq).shiftLeft(3)).mod(P);
        BigInteger z = a[1].multiply(a[2]).shiftLeft(1).mod(P);
        return new BigInteger[] {x, y, z};
    }

    private static BigInteger[] jAddAffine(BigInteger[] a, Point b) {
        if (a == null) {
            return new BigInteger[] {b.x, b.y, BigInteger.ONE};
        }
        BigInteger z2 = a[2].multiply(a[2]).mod(P);
        BigInteger u2 = b.x.multiply(z2).mod(P);
        BigInteger s2 = b.y.multiply(z2).multiply(a[2]).mod(P);
        BigInteger h = u2.subtract(a[0]).mod(P);
        BigInteger r = s2.subtract(a[1]).mod(P);
        if (h.signum() == 0) {
            return r.signum() == 0 ? jDouble(a) : null;
        }
        BigInteger h2 = h.multiply(h).mod(P);
        BigInteger h3 = h2.multiply(h).mod(P);
        BigInteger u1h2 = a[0].multiply(h2).mod(P);
        BigInteger x = r.multiply(r).subtract(h3).subtract(u1h2.shiftLeft(1)).mod(P);
        BigInteger y = r.multiply(u1h2.subtract(x)).subtract(a[1].multiply(h3)).mod(P);
        BigInteger z = a[2].multiply(h).mod(P);
        return new BigInteger[] {x, y, z};
    }

    private static Point toAffine(BigInteger[] j) {
        if (j == null || j[2].signum() == 0) {
            return null;
        }
        BigInteger zi = j[2].modInverse(P);
        BigInteger zi2 = zi.multiply(zi).mod(P);
        return new Point(j[0].multiply(zi2).mod(P), j[1].multiply(zi2).multiply(zi).mod(P));
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

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

    public static Point multiply(Point p, BigInteger k) {
        Point result = null;
        Point addend = p;
        for (int i = 0; i < k.bitLength(); i++) {
            if (k.testBit(i)) {
                result = add(result, addend);
            }
            addend = add(addend, addend);
        }
        return result;
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

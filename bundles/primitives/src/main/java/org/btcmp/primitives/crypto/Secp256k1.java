package org.btcmp.primitives.crypto;

import java.math.BigInteger;

/**
 * The secp256k1 curve, dependency-free, on {@link Field}'s 26-bit limbs. k·G and k·P go through the
 * constant-time {@link GeneratorMultiply} and {@link PointMultiply} (secret scalars); verification's
 * a·G + b·Q through the variable-time {@link DoubleMultiply}. Points given and returned are affine and immutable;
 * {@code null} is the point at infinity.
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
    /** P - N: an ECDSA r below this may also stand for the x coordinate r + N. */
    private static final BigInteger P_MINUS_N = P.subtract(N);

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

    /** a + b (variable time). */
    public static Point add(Point a, Point b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        Jacobian j = new Jacobian();
        j.setAffine(Field.fromBig(a.x), Field.fromBig(a.y));
        j.addAffineVar(Field.fromBig(b.x), Field.fromBig(b.y));
        return toPoint(j);
    }

    /**
     * k·p in constant time for a secret k (secret keys and nonces with G, ECDH with other points),
     * apart from k = 0 mod N, which gives infinity and is no valid secret. G uses a precomputed table.
     */
    public static Point multiply(Point p, BigInteger k) {
        if (p == null) {
            return null;
        }
        BigInteger e = reduceScalar(k);
        if (e.signum() == 0) {
            return null;
        }
        long[] x = Field.create();
        long[] y = Field.create();
        if (p.equals(G)) {
            GeneratorMultiply.multiply(e, x, y);
        } else {
            PointMultiply.multiply(Field.fromBig(p.x), Field.fromBig(p.y), e, x, y);
        }
        return point(x, y);
    }

    /** a·G + b·q in variable time (for verification: public scalars); scalars are taken modulo N. */
    public static Point multiplyAdd(BigInteger a, Point q, BigInteger b) {
        Jacobian j = new Jacobian();
        DoubleMultiply.multiplyAdd(reduceScalar(a), q == null ? null : Field.fromBig(q.x),
                q == null ? null : Field.fromBig(q.y), reduceScalar(b), j);
        return toPoint(j);
    }

    /**
     * Whether the x coordinate of a·G + b·q, taken modulo N, equals r (ECDSA's final check), without
     * converting to affine: x/z² = c exactly when x = c·z², for c = r and, when r + N &lt; P, c = r + N.
     */
    static boolean xModNEquals(BigInteger a, Point q, BigInteger b, BigInteger r) {
        Jacobian j = new Jacobian();
        DoubleMultiply.multiplyAdd(a, Field.fromBig(q.x), Field.fromBig(q.y), b, j);
        if (j.infinity) {
            return false;
        }
        long[] x = j.x.clone();
        Field.normalize(x);
        long[] z2 = Field.create();
        Field.sqr(z2, j.z);
        long[] c = Field.fromBig(r);
        Field.mul(c, c, z2);
        Field.normalize(c);
        if (Field.equalsNormalized(c, x)) {
            return true;
        }
        if (r.compareTo(P_MINUS_N) >= 0) {
            return false;
        }
        c = Field.fromBig(r.add(N));
        Field.mul(c, c, z2);
        Field.normalize(c);
        return Field.equalsNormalized(c, x);
    }

    private static BigInteger reduceScalar(BigInteger k) {
        return k.signum() < 0 || k.compareTo(N) >= 0 ? k.mod(N) : k;
    }

    private static Point toPoint(Jacobian j) {
        if (j.infinity) {
            return null;
        }
        long[] x = Field.create();
        long[] y = Field.create();
        j.toAffine(x, y);
        return point(x, y);
    }

    static Point point(long[] x, long[] y) {
        return new Point(Field.toBig(x), Field.toBig(y));
    }

    public static Point negate(Point p) {
        return p == null ? null : new Point(p.x, P.subtract(p.y).mod(P));
    }

    /** The point with this x and the requested y parity, or null when x is not on the curve. */
    public static Point lift(BigInteger x, boolean oddY) {
        if (x.signum() < 0 || x.compareTo(P) >= 0) {
            return null;
        }
        long[] fx = Field.fromBig(x);
        long[] y = Field.create();
        if (!liftY(fx, y, oddY)) {
            return null;
        }
        return new Point(x, Field.toBig(y));
    }

    /** The normalized y with x³ + 7 = y² and the given parity, for a normalized x; false when none. */
    static boolean liftY(long[] x, long[] y, boolean oddY) {
        long[] t = Field.create();
        Field.sqr(t, x);
        Field.mul(t, t, x);
        t[0] += 7;
        if (!FieldPowers.sqrt(y, t)) {
            return false;
        }
        Field.normalize(y);
        if (Field.isOdd(y) != oddY) {
            Field.negate(y, y, 1);
            Field.normalize(y);
        }
        return true;
    }

    static byte[] to32(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[32];
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, out, 32 - len, len);
        return out;
    }
}

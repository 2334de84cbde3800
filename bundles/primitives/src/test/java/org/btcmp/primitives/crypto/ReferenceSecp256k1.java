package org.btcmp.primitives.crypto;

import java.math.BigInteger;

/**
 * The textbook curve arithmetic the fast {@link Secp256k1} replaced: affine coordinates, one
 * BigInteger inversion per addition, plain double-and-add. Slow and obviously right, kept as the
 * oracle of the differential test.
 */
final class ReferenceSecp256k1 {
    private static final BigInteger P = Secp256k1.P;

    private ReferenceSecp256k1() {
    }

    static Secp256k1.Point add(Secp256k1.Point a, Secp256k1.Point b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        BigInteger lambda;
        if (a.x().equals(b.x())) {
            if (a.y().add(b.y()).mod(P).signum() == 0) {
                return null;
            }
            lambda = a.x().pow(2).multiply(BigInteger.valueOf(3)).multiply(a.y().shiftLeft(1).modInverse(P)).mod(P);
        } else {
            lambda = b.y().subtract(a.y()).multiply(b.x().subtract(a.x()).modInverse(P)).mod(P);
        }
        BigInteger x = lambda.pow(2).subtract(a.x()).subtract(b.x()).mod(P);
        BigInteger y = lambda.multiply(a.x().subtract(x)).subtract(a.y()).mod(P);
        return new Secp256k1.Point(x, y);
    }

    static Secp256k1.Point multiply(Secp256k1.Point p, BigInteger k) {
        Secp256k1.Point r = null;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            r = add(r, r);
            if (k.testBit(i)) {
                r = add(r, p);
            }
        }
        return r;
    }
}

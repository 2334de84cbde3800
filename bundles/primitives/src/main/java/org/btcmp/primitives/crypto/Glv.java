package org.btcmp.primitives.crypto;

import java.math.BigInteger;

/**
 * secp256k1's efficient endomorphism: λ·(x, y) = (β·x, y) for a cube root of unity λ mod N and β mod P.
 * A scalar k splits into k1 + k2·λ (mod N) with |k1|, |k2| about 2^128, which halves the doublings
 * of a multiplication. The split rounds k's coordinates in the short lattice basis (a1, b1), (a2, b2)
 * of {(x, y) : x + y·λ = 0 mod N}, found by the extended Euclidean algorithm on (N, λ); the
 * divisions by N are replaced by products with 2^384-scaled reciprocals (G1, G2), which can only
 * make the halves a little longer, never wrong. Glv's test checks every constant's defining property.
 */
final class Glv {
    static final BigInteger LAMBDA = new BigInteger(
            "5363ad4cc05c30e0a5261c028812645a122e22ea20816678df02967c1b23bd72", 16);
    static final BigInteger BETA = new BigInteger(
            "7ae96a2b657c07106e64479eac3434e99cf0497512f58995c1396c28719501ee", 16);
    static final BigInteger A1 = new BigInteger("3086d221a7d46bcde86c90e49284eb15", 16);
    static final BigInteger B1 = new BigInteger("-e4437ed6010e88286f547fa90abfe4c3", 16);
    static final BigInteger A2 = new BigInteger("114ca50f7a8e2f3f657c1108d9d44cfd8", 16);
    static final BigInteger B2 = A1;
    /** round(2^384·B2/N) and round(-2^384·B1/N). */
    static final BigInteger G1 = new BigInteger(
            "3086d221a7d46bcde86c90e49284eb153daa8a1471e8ca7fe893209a45dbb031", 16);
    static final BigInteger G2 = new BigInteger(
            "e4437ed6010e88286f547fa90abfe4c4221208ac9df506c61571b4ae8ac47f71", 16);
    private static final BigInteger HALF = BigInteger.ONE.shiftLeft(383);
    static final long[] BETA_FIELD = Field.fromBig(BETA);

    private Glv() {
    }

    /** {k1, k2} with k1 + k2·λ = k (mod N), for 0 &lt;= k &lt; N; either may be negative. */
    static BigInteger[] split(BigInteger k) {
        BigInteger c1 = k.multiply(G1).add(HALF).shiftRight(384);
        BigInteger c2 = k.multiply(G2).add(HALF).shiftRight(384);
        BigInteger k1 = k.subtract(c1.multiply(A1)).subtract(c2.multiply(A2));
        BigInteger k2 = c1.multiply(B1).add(c2.multiply(B2)).negate();
        return new BigInteger[] {k1, k2};
    }
}

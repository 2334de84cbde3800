package org.btcmp.primitives.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast curve arithmetic against {@link ReferenceSecp256k1} on random and edge-case inputs. */
class Secp256k1DifferentialTest {
    private static final BigInteger N = Secp256k1.N;
    private final Random random = new Random(20261125L);

    private BigInteger randomScalar() {
        return new BigInteger(256, random).mod(N);
    }

    /** Random scalars plus the ones where carries, NAF runs and wrap-arounds happen. */
    private List<BigInteger> scalars(int randomCount) {
        List<BigInteger> out = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                BigInteger.valueOf(3), BigInteger.valueOf(127), BigInteger.valueOf(128), BigInteger.valueOf(255),
                N.subtract(BigInteger.ONE), N.subtract(BigInteger.TWO), N.shiftRight(1), N.shiftRight(1).add(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE),
                new BigInteger("5555555555555555555555555555555555555555555555555555555555555555", 16),
                new BigInteger("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 16)));
        for (int i = 0; i < randomCount; i++) {
            out.add(randomScalar());
        }
        return out;
    }

    @Test
    void multiplyMatchesDoubleAndAddForGAndOtherPoints() {
        Secp256k1.Point q = ReferenceSecp256k1.multiply(Secp256k1.G, randomScalar());
        for (BigInteger k : scalars(300)) {
            assertEquals(ReferenceSecp256k1.multiply(Secp256k1.G, k), Secp256k1.multiply(Secp256k1.G, k), "k·G, k=" + k);
            assertEquals(ReferenceSecp256k1.multiply(q, k), Secp256k1.multiply(q, k), "k·Q, k=" + k);
        }
        assertNull(Secp256k1.multiply(Secp256k1.G, N), "N·G is infinity");
        assertNull(Secp256k1.multiply(null, BigInteger.TEN));
    }

    @Test
    void multiplyAddMatchesTheSumOfTwoReferenceProducts() {
        List<BigInteger> ks = scalars(2000);
        for (int i = 0; i < ks.size(); i++) {
            BigInteger a = ks.get(i);
            BigInteger b = ks.get((i * 7 + 3) % ks.size());
            Secp256k1.Point q = i % 50 == 0 ? Secp256k1.G : ReferenceSecp256k1.multiply(Secp256k1.G, randomScalar());
            Secp256k1.Point expected = ReferenceSecp256k1.add(ReferenceSecp256k1.multiply(Secp256k1.G, a),
                    ReferenceSecp256k1.multiply(q, b));
            assertEquals(expected, Secp256k1.multiplyAdd(a, q, b), "a=" + a + " b=" + b + " q=" + q);
        }
    }

    @Test
    void sumsThatCancelOrDoubleInsideTheLadder() {
        for (int i = 0; i < 200; i++) {
            BigInteger a = randomScalar();
            Secp256k1.Point q = ReferenceSecp256k1.multiply(Secp256k1.G, a);
            // a·G + (N - 1)·(a·G) = infinity: the accumulator meets its own negation at the end.
            assertNull(Secp256k1.multiplyAdd(a, q, N.subtract(BigInteger.ONE)));
            // a·G + 1·(a·G) = 2a·G: the last addition is a doubling.
            assertEquals(ReferenceSecp256k1.multiply(Secp256k1.G, a.shiftLeft(1).mod(N)),
                    Secp256k1.multiplyAdd(a, q, BigInteger.ONE));
            assertEquals(ReferenceSecp256k1.multiply(Secp256k1.G, a), Secp256k1.multiplyAdd(a, q, N),
                    "scalars are taken modulo N");
        }
        assertEquals(ReferenceSecp256k1.multiply(Secp256k1.G, BigInteger.valueOf(7)),
                Secp256k1.multiplyAdd(BigInteger.valueOf(7), null, BigInteger.ONE), "q = infinity contributes nothing");
    }

    @Test
    void addCoversInfinityDoublingAndNegation() {
        for (int i = 0; i < 500; i++) {
            Secp256k1.Point p = ReferenceSecp256k1.multiply(Secp256k1.G, randomScalar().add(BigInteger.ONE));
            Secp256k1.Point q = ReferenceSecp256k1.multiply(Secp256k1.G, randomScalar().add(BigInteger.ONE));
            assertEquals(ReferenceSecp256k1.add(p, q), Secp256k1.add(p, q));
            assertEquals(ReferenceSecp256k1.add(p, p), Secp256k1.add(p, p), "P + P");
            assertNull(Secp256k1.add(p, Secp256k1.negate(p)), "P + (-P)");
            assertEquals(p, Secp256k1.add(p, null));
            assertEquals(p, Secp256k1.add(null, p));
            assertTrue(Secp256k1.isOnCurve(Secp256k1.add(p, q)));
        }
        assertNull(Secp256k1.add(null, null));
    }

    @Test
    void wnafDigitsAreOddSparseAndSumToTheScalar() {
        for (BigInteger k : scalars(500)) {
            for (int w : new int[] {2, 5, 8, 10}) {
                int[] digits = Wnaf.of(k, w);
                BigInteger sum = BigInteger.ZERO;
                int lastNonZero = -w;
                for (int i = 0; i < digits.length; i++) {
                    int d = digits[i];
                    if (d != 0) {
                        assertTrue((d & 1) == 1 && Math.abs(d) < 1 << (w - 1), "digit " + d);
                        assertTrue(i - lastNonZero >= w, "two non-zero digits within a window");
                        lastNonZero = i;
                        sum = sum.add(BigInteger.valueOf(d).shiftLeft(i));
                    }
                }
                assertEquals(k, sum, "k=" + k.toString(16) + " w=" + w);
            }
        }
        assertArrayEquals(new int[1], Wnaf.of(BigInteger.ZERO, 5));
    }

    @Test
    void theEndomorphismHalvesSumBackToTheScalar() {
        for (BigInteger k : scalars(2000)) {
            BigInteger[] halves = Glv.split(k);
            assertEquals(k, halves[0].add(halves[1].multiply(Glv.LAMBDA)).mod(N), "k=" + k);
            assertTrue(halves[0].bitLength() <= 129 && halves[1].bitLength() <= 129,
                    "halves of " + k + ": " + halves[0] + ", " + halves[1]);
        }
    }

    @Test
    void theEndomorphismConstantsHaveTheirDefiningProperties() {
        BigInteger p = Secp256k1.P;
        assertEquals(BigInteger.ONE, Glv.LAMBDA.modPow(BigInteger.valueOf(3), N));
        assertEquals(BigInteger.ONE, Glv.BETA.modPow(BigInteger.valueOf(3), p));
        Secp256k1.Point lambdaG = ReferenceSecp256k1.multiply(Secp256k1.G, Glv.LAMBDA);
        assertEquals(new Secp256k1.Point(Secp256k1.G.x().multiply(Glv.BETA).mod(p), Secp256k1.G.y()), lambdaG);
        assertEquals(BigInteger.ZERO, Glv.A1.add(Glv.B1.multiply(Glv.LAMBDA)).mod(N));
        assertEquals(BigInteger.ZERO, Glv.A2.add(Glv.B2.multiply(Glv.LAMBDA)).mod(N));
        BigInteger two384 = BigInteger.ONE.shiftLeft(384);
        assertEquals(two384.multiply(Glv.B2).add(N.shiftRight(1)).divide(N), Glv.G1);
        assertEquals(two384.multiply(Glv.B1.negate()).add(N.shiftRight(1)).divide(N), Glv.G2);
    }
}

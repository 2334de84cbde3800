package org.btcmp.primitives.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Field} and {@link FieldPowers} against BigInteger, including inputs at the largest allowed magnitude. */
class FieldTest {
    private static final BigInteger P = Secp256k1.P;
    private final Random random = new Random(7_2026L);

    private List<BigInteger> values(int randomCount) {
        List<BigInteger> out = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                P.subtract(BigInteger.ONE), P.subtract(BigInteger.TWO), BigInteger.ONE.shiftLeft(255),
                BigInteger.ONE.shiftLeft(26).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(32).add(BigInteger.valueOf(977)),
                BigInteger.ONE.shiftLeft(256).subtract(P), BigInteger.ONE.shiftLeft(234)));
        for (int i = 0; i < randomCount; i++) {
            out.add(new BigInteger(1 + random.nextInt(256), random).mod(P));
        }
        return out;
    }

    /** The value a limb array stands for, unreduced. */
    private static BigInteger raw(long[] a) {
        BigInteger v = BigInteger.ZERO;
        for (int i = Field.LIMBS - 1; i >= 0; i--) {
            v = v.shiftLeft(26).add(BigInteger.valueOf(a[i]));
        }
        return v;
    }

    /** An element of magnitude m with random limbs up to the bound (a value above P, usually). */
    private long[] atMagnitude(int m, boolean maximal) {
        long[] a = Field.create();
        for (int i = 0; i < Field.LIMBS; i++) {
            long bound = 2L * m * (i == 9 ? 0x3fffffL : 0x3ffffffL);
            a[i] = maximal ? bound : Math.floorMod(random.nextLong(), bound + 1);
        }
        return a;
    }

    @Test
    void arithmeticMatchesBigInteger() {
        List<BigInteger> values = values(3000);
        for (int i = 0; i < values.size(); i++) {
            BigInteger a = values.get(i);
            BigInteger b = values.get((i * 13 + 5) % values.size());
            long[] fa = Field.fromBig(a);
            long[] fb = Field.fromBig(b);
            long[] r = Field.create();
            assertEquals(a, Field.toBig(fa));
            Field.mul(r, fa, fb);
            assertEquals(a.multiply(b).mod(P), Field.toBig(r), "a*b, a=" + a + " b=" + b);
            Field.sqr(r, fa);
            assertEquals(a.multiply(a).mod(P), Field.toBig(r), "a^2, a=" + a);
            Field.add(r, fa, fb);
            assertEquals(a.add(b).mod(P), Field.toBig(r), "a+b");
            Field.negate(r, fb, 1);
            Field.add(r, fa, r);
            assertEquals(a.subtract(b).mod(P), Field.toBig(r), "a-b");
            Field.mulInt(r, fa, 8);
            assertEquals(a.shiftLeft(3).mod(P), Field.toBig(r), "8a");
            byte[] bytes = new byte[32];
            long[] n = fa.clone();
            Field.normalize(n);
            Field.getBytes(bytes, 0, n);
            assertArrayEquals(Secp256k1.to32(a), bytes);
        }
    }

    @Test
    void mulAndSqrAcceptMagnitudeEightAndNormalizeAcceptsThirtyTwo() {
        for (int i = 0; i < 3000; i++) {
            long[] a = atMagnitude(8, i < 2);
            long[] b = atMagnitude(8, i < 1);
            long[] r = Field.create();
            Field.mul(r, a, b);
            assertEquals(raw(a).multiply(raw(b)).mod(P), raw(r).mod(P), "a*b at magnitude 8");
            assertMagnitudeOne(r);
            Field.sqr(r, a);
            assertEquals(raw(a).pow(2).mod(P), raw(r).mod(P), "a^2 at magnitude 8");
            assertMagnitudeOne(r);
            long[] big = atMagnitude(32, i < 2);
            BigInteger expected = raw(big).mod(P);
            long[] weak = big.clone();
            Field.normalizeWeak(weak);
            assertEquals(expected, raw(weak).mod(P));
            assertMagnitudeOne(weak);
            Field.normalize(big);
            assertEquals(expected, raw(big), "normalize gives the value below P");
            long[] neg = Field.create();
            long[] m7 = atMagnitude(7, i < 2);
            Field.negate(neg, m7, 7);
            for (long limb : neg) {
                assertTrue(limb >= 0, "negate never leaves a negative limb");
            }
            assertEquals(raw(m7).negate().mod(P), raw(neg).mod(P));
        }
    }

    private static void assertMagnitudeOne(long[] r) {
        for (int i = 0; i < Field.LIMBS; i++) {
            assertTrue(r[i] >= 0 && r[i] <= 2L * (i == 9 ? 0x3fffffL : 0x3ffffffL), "limb " + i + " = " + r[i]);
        }
    }

    @Test
    void normalizeMapsPAndItsNeighboursToTheirResidues() {
        for (BigInteger v : List.of(P, P.add(BigInteger.ONE), P.subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
                P.shiftLeft(1), P.shiftLeft(1).subtract(BigInteger.ONE))) {
            long[] a = Field.create();
            BigInteger rest = v;
            for (int i = 0; i < 9; i++) {
                a[i] = rest.longValue() & 0x3ffffffL;
                rest = rest.shiftRight(26);
            }
            a[9] = rest.longValue();
            assertEquals(v, raw(a));
            Field.normalize(a);
            assertEquals(v.mod(P), raw(a), "normalize " + v.toString(16));
            assertEquals(v.mod(P).signum() == 0, Field.zeroMask(a) != 0);
        }
    }

    @Test
    void inverseAndSquareRootMatchBigInteger() {
        for (BigInteger a : values(300)) {
            long[] fa = Field.fromBig(a);
            long[] r = Field.create();
            FieldPowers.inverse(r, fa);
            assertEquals(a.signum() == 0 ? BigInteger.ZERO : a.modInverse(P), Field.toBig(r), "1/a, a=" + a);
            boolean residue = a.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).compareTo(BigInteger.ONE) <= 0;
            assertEquals(residue, FieldPowers.sqrt(r, fa), "a=" + a + " is a square");
            if (residue) {
                assertEquals(a, Field.toBig(r).pow(2).mod(P));
            }
        }
        assertFalse(FieldPowers.sqrt(Field.create(), Field.fromBig(P.subtract(BigInteger.ONE))), "-1 is no square mod P");
    }
}

package org.btcmp.primitives.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The constant-time k·G against the textbook double-and-add, on random and edge scalars. */
class GeneratorMultiplyTest {
    private static final BigInteger N = Secp256k1.N;

    @Test
    void matchesTheReferenceForEdgeAndRandomScalars() {
        BigInteger doublingAtTheLastWindow = BigInteger.valueOf(15).shiftLeft(253).subtract(N);
        List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3),
                BigInteger.valueOf(15), BigInteger.valueOf(16), BigInteger.valueOf(17), N.subtract(BigInteger.ONE),
                N.subtract(BigInteger.TWO), N.shiftRight(1), N.shiftRight(1).add(BigInteger.ONE), BigInteger.ONE.shiftLeft(255),
                BigInteger.ONE.shiftLeft(252), BigInteger.ONE.shiftLeft(252).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(128), new BigInteger("f".repeat(63), 16),
                // the odd scalar whose last addition is a doubling, and the even one recoded to it
                doublingAtTheLastWindow, N.subtract(doublingAtTheLastWindow)));
        Random random = new Random(8_2026L);
        for (int i = 0; i < 300; i++) {
            scalars.add(new BigInteger(256, random).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE));
        }
        for (int i = 1; i < 64; i++) {
            scalars.add(BigInteger.valueOf(random.nextLong() >>> 1).shiftLeft(4 * i).mod(N));
        }
        for (BigInteger k : scalars) {
            long[] x = Field.create();
            long[] y = Field.create();
            GeneratorMultiply.multiply(k, x, y);
            assertEquals(ReferenceSecp256k1.multiply(Secp256k1.G, k), Secp256k1.point(x, y), "k=" + k.toString(16));
        }
    }

    @Test
    void theFacadeGivesInfinityForMultiplesOfTheOrder() {
        assertNull(Secp256k1.multiply(Secp256k1.G, BigInteger.ZERO));
        assertNull(Secp256k1.multiply(Secp256k1.G, N));
        assertEquals(Secp256k1.G, Secp256k1.multiply(Secp256k1.G, N.add(BigInteger.ONE)));
        assertEquals(Secp256k1.negate(Secp256k1.G), Secp256k1.multiply(Secp256k1.G, BigInteger.ONE.negate()));
    }
}

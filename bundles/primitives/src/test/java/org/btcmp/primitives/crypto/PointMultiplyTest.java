package org.btcmp.primitives.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The constant-time k·P (ECDH) against the textbook double-and-add, on random points and edge scalars. */
class PointMultiplyTest {
    private static final BigInteger N = Secp256k1.N;

    @Test
    void matchesTheReferenceForEdgeAndRandomScalars() {
        Random random = new Random(9_2026L);
        List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(15),
                BigInteger.valueOf(16), BigInteger.valueOf(17), N.subtract(BigInteger.ONE), N.shiftRight(1),
                BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(252), new BigInteger("f".repeat(63), 16)));
        // k' = N + 2d (d = -1, -3, ... -15) would make the last addition a doubling if its last digit were d
        for (int d = 1; d <= 15; d += 2) {
            scalars.add(N.subtract(BigInteger.valueOf(2L * d)));
            scalars.add(BigInteger.valueOf(2L * d));
        }
        for (int i = 0; i < 60; i++) {
            scalars.add(new BigInteger(256, random).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE));
        }
        for (int i = 0; i < scalars.size(); i++) {
            BigInteger k = scalars.get(i);
            Secp256k1.Point p = i % 10 == 0 ? Secp256k1.G
                    : ReferenceSecp256k1.multiply(Secp256k1.G, new BigInteger(256, random).mod(N).add(BigInteger.ONE));
            long[] x = Field.create();
            long[] y = Field.create();
            PointMultiply.multiply(Field.fromBig(p.x()), Field.fromBig(p.y()), k, x, y);
            assertEquals(ReferenceSecp256k1.multiply(p, k), Secp256k1.point(x, y), "k=" + k.toString(16) + " p=" + p);
        }
    }
}

package org.btcmp.wallet.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.btcmp.primitives.crypto.Secp256k1;
import org.junit.jupiter.api.Test;

class FastGeneratorTest {
    @Test
    void agreesWithThePrimitivesDoubleAndAdd() {
        List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(15),
                BigInteger.valueOf(16), BigInteger.valueOf(17), BigInteger.ONE.shiftLeft(255),
                BigInteger.ONE.shiftLeft(252).subtract(BigInteger.ONE), Secp256k1.N.subtract(BigInteger.ONE),
                Secp256k1.N.subtract(BigInteger.TWO), new BigInteger("f".repeat(63), 16)));
        Random random = new Random(84);
        for (int i = 0; i < 40; i++) {
            scalars.add(new BigInteger(256, random).mod(Secp256k1.N));
        }
        for (BigInteger k : scalars) {
            assertEquals(Secp256k1.multiply(Secp256k1.G, k), FastGenerator.multiply(k), k.toString(16));
        }
    }

    @Test
    void zeroAndTheOrderGiveInfinity() {
        assertNull(FastGenerator.multiply(BigInteger.ZERO));
        assertNull(FastGenerator.multiply(Secp256k1.N));
    }
}

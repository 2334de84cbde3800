package org.btcmp.primitives.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.btcmp.primitives.Hex;
import org.junit.jupiter.api.Test;

/** BIP340's test-vectors.csv: signing where a secret key is given, and every verification result. */
class Bip340VectorsTest {
    @Test
    void everyVector() throws Exception {
        String csv;
        try (InputStream in = getClass().getResourceAsStream("/bip340-test-vectors.csv")) {
            csv = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        int n = 0;
        for (String line : csv.split("\r?\n")) {
            if (line.startsWith("index") || line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            byte[] pub = Hex.decode(f[2].toLowerCase());
            byte[] msg = Hex.decode(f[4].toLowerCase());
            byte[] sig = Hex.decode(f[5].toLowerCase());
            boolean expected = f[6].equals("TRUE");
            if (!f[1].isEmpty()) {
                byte[] secret = Hex.decode(f[1].toLowerCase());
                assertArrayEquals(pub, Schnorr.xOnlyPublicKey(secret), "vector " + f[0] + " public key");
                assertArrayEquals(sig, Schnorr.sign(secret, msg, Hex.decode(f[3].toLowerCase())),
                        "vector " + f[0] + " signature");
            }
            assertEquals(expected, Schnorr.verify(pub, msg, sig), "vector " + f[0] + " " + f[7]);
            n++;
        }
        assertTrue(n >= 15, "parsed " + n);
    }
}

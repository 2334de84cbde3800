package org.btcmp.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashesTest {
    // RIPEMD-160 vectors from the algorithm's authors' page (Dobbertin, Bosselaers, Preneel).
    @Test
    void ripemd160Vectors() {
        assertEquals("9c1185a5c5e9fc54612808977ee8f548b2258d31", rmd(""));
        assertEquals("0bdc9d2d256b3ee9daae347be6f4dc835a467ffe", rmd("a"));
        assertEquals("8eb208f7e05d987a9b044a8e98c6b087f15a0bfc", rmd("abc"));
        assertEquals("5d0689ef49d2fae572b881b123a85ffa21595f36", rmd("message digest"));
        assertEquals("12a053384a9c0c88e405a06c27dcf49ada62eb2b",
                rmd("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
        assertEquals("9b752e45573d4b39f4dbd3323cab82bf63326bfb", Hex.encode(Hashes.ripemd160(
                "1234567890".repeat(8).getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void hash160OfGeneratorKey() {
        byte[] g = Hex.decode("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        assertEquals("751e76e8199196d454941c45d1b3a323f1433bd6", Hex.encode(Hashes.hash160(g)));
    }

    private static String rmd(String s) {
        return Hex.encode(Hashes.ripemd160(s.getBytes(StandardCharsets.US_ASCII)));
    }
}

package org.btcmp.wallet.psbt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BIP174's valid vectors parse and serialize back byte for byte (fields this wallet does not use included). */
class PsbtVectorsTest {
    private static List<String> vectors() throws Exception {
        try (InputStream in = PsbtVectorsTest.class.getResourceAsStream("bip174-valid.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }

    @Test
    void validVectorsRoundTrip() throws Exception {
        List<String> vectors = vectors();
        assertEquals(5, vectors.size());
        for (String v : vectors) {
            assertEquals(v, Psbt.fromBase64(v).toBase64());
        }
        Psbt withWitnessUtxo = Psbt.fromBase64(vectors.get(1));
        assertEquals(199_909_013L, withWitnessUtxo.witnessUtxo(0).orElseThrow().value());
        assertTrue(withWitnessUtxo.partialSig(0).isPresent());
    }

    @Test
    void malformedInputIsRefusedWithCoreWording() {
        for (String bad : List.of("not base64!", "cHNidP8=", "cHNidP8BAKACAAAAAqsJSaCM", "AAAA")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Psbt.fromBase64(bad));
            assertTrue(e.getMessage().startsWith("TX decode failed"), e.getMessage());
        }
    }
}

package org.btcmp.primitives.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.junit.jupiter.api.Test;

/** Bitcoin Core's sighash.json (see README-vectors.md): every legacy signature hash must match. */
class SighashVectorsTest {
    private static final Pattern ENTRY = Pattern.compile(
            "\\[\"([0-9a-f]+)\", \"([0-9a-f]*)\", (-?\\d+), (-?\\d+), \"([0-9a-f]{64})\"\\]");

    @Test
    void everyVectorMatches() throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/sighash.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        Matcher m = ENTRY.matcher(json);
        int n = 0;
        while (m.find()) {
            Transaction tx = Transaction.fromHex(m.group(1));
            Script code = Script.fromHex(m.group(2));
            int index = Integer.parseInt(m.group(3));
            int hashType = Integer.parseInt(m.group(4));
            String expected = m.group(5);
            Hash256 got = Hash256.wrap(SignatureHash.legacy(tx, index, code, hashType));
            assertEquals(expected, got.toString(), "vector " + n + ": " + m.group(0).substring(0, 60));
            n++;
        }
        assertTrue(n >= 500, "expected Core's ~500 vectors, parsed " + n);
    }
}

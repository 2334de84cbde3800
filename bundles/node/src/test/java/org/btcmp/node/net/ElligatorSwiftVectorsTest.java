package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.btcmp.primitives.crypto.Secp256k1;
import org.junit.jupiter.api.Test;

/**
 * ElligatorSwift and the BIP324 ECDH against the BIP's vectors (files copied from the bips repository):
 * decoding, the inverse for all eight cases, and the ECDH columns of the packet encoding vectors.
 */
class ElligatorSwiftVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    private static BigInteger num(String hex) {
        return new BigInteger(1, HEX.parseHex(hex));
    }

    @Test
    void decodingMatchesEveryBipVector() throws Exception {
        List<Map<String, String>> rows = Bip324Vectors.read("bip324-ellswift-decode-test-vectors.csv");
        assertEquals(76, rows.size());
        for (Map<String, String> row : rows) {
            assertEquals(row.get("x"), HEX.formatHex(ElligatorSwift.bytes32(
                    ElligatorSwift.decode(HEX.parseHex(row.get("ellswift"))))), row.get("comment"));
        }
    }

    @Test
    void theInverseGivesTheBipsTForEveryCaseAndNoneWhereTheBipHasNone() throws Exception {
        List<Map<String, String>> rows = Bip324Vectors.read("bip324-xswiftec-inv-test-vectors.csv");
        assertEquals(32, rows.size());
        int found = 0;
        for (Map<String, String> row : rows) {
            BigInteger u = num(row.get("u"));
            BigInteger x = num(row.get("x"));
            for (int c = 0; c < 8; c++) {
                String expected = row.get("case" + c + "_t");
                BigInteger t = ElligatorSwift.xswiftecInv(x, u, c);
                String what = row.get("comment") + " case " + c;
                if (expected.isEmpty()) {
                    assertNull(t, what);
                } else {
                    assertEquals(expected, HEX.formatHex(ElligatorSwift.bytes32(t)), what);
                    assertEquals(x, ElligatorSwift.xswiftec(u, t), what);
                    found++;
                }
            }
        }
        assertNotEquals(0, found);
    }

    @Test
    void ecdhColumnsOfThePacketVectorsMatch() throws Exception {
        for (Map<String, String> row : Bip324Vectors.read("bip324-packet-encoding-vectors.csv")) {
            BigInteger priv = num(row.get("in_priv_ours"));
            byte[] ours = HEX.parseHex(row.get("in_ellswift_ours"));
            byte[] theirs = HEX.parseHex(row.get("in_ellswift_theirs"));
            boolean initiating = row.get("in_initiating").equals("1");
            String name = "vector with in_idx " + row.get("in_idx");
            assertEquals(row.get("mid_x_ours"), HEX.formatHex(ElligatorSwift.bytes32(
                    Secp256k1.multiply(Secp256k1.G, priv).x())), name);
            assertEquals(row.get("mid_x_ours"), HEX.formatHex(ElligatorSwift.bytes32(ElligatorSwift.decode(ours))));
            assertEquals(row.get("mid_x_theirs"), HEX.formatHex(ElligatorSwift.bytes32(ElligatorSwift.decode(theirs))));
            assertEquals(row.get("mid_x_shared"), HEX.formatHex(ElligatorSwift.ecdhXonly(theirs, priv)), name);
            assertEquals(row.get("mid_shared_secret"),
                    HEX.formatHex(ElligatorSwift.sharedSecret(priv, theirs, ours, initiating)), name);
        }
    }

    @Test
    void twoFreshKeyPairsAgreeOnTheSecretAndTheirEncodingsDecodeToTheirKeys() {
        SecureRandom random = new SecureRandom();
        ElligatorSwift.KeyPair a = ElligatorSwift.create(random);
        ElligatorSwift.KeyPair b = ElligatorSwift.create(random);
        assertEquals(Secp256k1.multiply(Secp256k1.G, a.privateKey()).x(), ElligatorSwift.decode(a.encoded()));
        assertEquals(64, a.encoded().length);
        byte[] initiator = ElligatorSwift.sharedSecret(a.privateKey(), b.encoded(), a.encoded(), true);
        byte[] responder = ElligatorSwift.sharedSecret(b.privateKey(), a.encoded(), b.encoded(), false);
        assertArrayEquals(initiator, responder);
    }
}

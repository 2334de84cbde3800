package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

/**
 * BIP324's cipher suite against the BIP's own packet encoding vectors (bip324-packet-encoding-vectors.csv, copied
 * from the bips repository): key derivation from the shared secret (HKDF-SHA256), garbage terminators, session
 * id, and packets after 0 to 999 earlier ones (so both ciphers' rekeying every 224 is crossed), up to 4 MB long.
 * The ElligatorSwift/ECDH columns are not checked: that part of BIP324 is not built yet.
 */
class V2CipherVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    /** The vectors are for mainnet. */
    private static final byte[] MAINNET_MAGIC = HEX.parseHex("f9beb4d9");

    private static List<Map<String, String>> vectors() throws IOException {
        return Bip324Vectors.read("bip324-packet-encoding-vectors.csv");
    }

    private static byte[] repeat(byte[] b, int times) {
        byte[] out = new byte[b.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(b, 0, out, i * b.length, b.length);
        }
        return out;
    }

    @Test
    void keysTerminatorsSessionIdAndPacketsMatchTheBipsVectorsAndDecryptOnTheOtherSide() throws Exception {
        List<Map<String, String>> rows = vectors();
        assertEquals(7, rows.size());
        for (Map<String, String> row : rows) {
            String name = "vector with in_idx " + row.get("in_idx");
            byte[] secret = HEX.parseHex(row.get("mid_shared_secret"));
            boolean initiating = row.get("in_initiating").equals("1");
            Hkdf hkdf = new Hkdf(concat("bitcoin_v2_shared_secret".getBytes(StandardCharsets.US_ASCII), MAINNET_MAGIC),
                    secret);
            for (String key : List.of("initiator_L", "initiator_P", "responder_L", "responder_P")) {
                assertEquals(row.get("mid_" + key.toLowerCase()),
                        HEX.formatHex(hkdf.expand32(key.getBytes(StandardCharsets.US_ASCII))), name + " " + key);
            }
            V2Cipher sender = new V2Cipher(secret, initiating, MAINNET_MAGIC);
            V2Cipher receiver = new V2Cipher(secret, !initiating, MAINNET_MAGIC);
            assertEquals(row.get("mid_send_garbage_terminator"), HEX.formatHex(sender.sendGarbageTerminator()), name);
            assertEquals(row.get("mid_recv_garbage_terminator"), HEX.formatHex(sender.receiveGarbageTerminator()),
                    name);
            assertArrayEquals(sender.sendGarbageTerminator(), receiver.receiveGarbageTerminator());
            assertEquals(row.get("out_session_id"), HEX.formatHex(sender.sessionId()), name);

            int earlier = Integer.parseInt(row.get("in_idx"));
            for (int i = 0; i < earlier; i++) {
                byte[] dummy = sender.encrypt(new byte[0], new byte[0], false);
                assertEquals(0, receiver.decryptLength(Arrays.copyOf(dummy, V2Cipher.LENGTH_BYTES)));
                assertEquals(0, receiver.decrypt(Arrays.copyOfRange(dummy, V2Cipher.LENGTH_BYTES, dummy.length),
                        new byte[0]).contents().length);
            }
            byte[] contents = repeat(HEX.parseHex(row.get("in_contents")), Integer.parseInt(row.get("in_multiply")));
            byte[] aad = HEX.parseHex(row.get("in_aad"));
            boolean ignore = row.get("in_ignore").equals("1");
            byte[] packet = sender.encrypt(contents, aad, ignore);
            String hex = HEX.formatHex(packet);
            if (!row.get("out_ciphertext").isEmpty()) {
                assertEquals(row.get("out_ciphertext"), hex, name);
            }
            if (!row.get("out_ciphertext_endswith").isEmpty()) {
                assertTrue(hex.endsWith(row.get("out_ciphertext_endswith")), name);
            }
            assertEquals(V2Cipher.LENGTH_BYTES + 1 + contents.length + FsChaCha20Poly1305.TAG_LENGTH, packet.length);

            assertEquals(contents.length, receiver.decryptLength(Arrays.copyOf(packet, V2Cipher.LENGTH_BYTES)), name);
            V2Cipher.Packet got = receiver.decrypt(Arrays.copyOfRange(packet, V2Cipher.LENGTH_BYTES, packet.length),
                    aad);
            assertArrayEquals(contents, got.contents(), name);
            assertEquals(ignore, got.ignore(), name);

            // An altered packet fails authentication.
            byte[] next = sender.encrypt(new byte[] {1, 2, 3}, new byte[0], false);
            next[next.length - 1] ^= 1;
            assertEquals(3, receiver.decryptLength(Arrays.copyOf(next, V2Cipher.LENGTH_BYTES)));
            byte[] body = Arrays.copyOfRange(next, V2Cipher.LENGTH_BYTES, next.length);
            assertThrows(AEADBadTagException.class, () -> receiver.decrypt(body, new byte[0]), name);
        }
    }

    @Test
    void contentsPastWhatThreeLengthBytesDescribeAreRefused() {
        V2Cipher c = new V2Cipher(new byte[32], true, MAINNET_MAGIC);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.encrypt(new byte[V2Cipher.MAX_CONTENTS + 1], new byte[0], false));
        assertTrue(e.getMessage().contains("16777216"), e.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

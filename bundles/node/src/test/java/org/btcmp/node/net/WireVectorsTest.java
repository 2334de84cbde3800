package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Framed regtest messages serialized by python-bitcoinlib (an independent implementation; see
 * make_vectors.py beside the data file): each decodes to the values the script set and encodes back to the
 * same bytes.
 */
class WireVectorsTest {
    private static final Bytes H1 = Bytes.fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final Bytes H2 = Bytes.fromHex("202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f");
    private static final Bytes GENESIS =
            Bytes.fromDisplayHex("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206");

    private static Map<String, byte[]> vectors() {
        try (InputStream in = WireVectorsTest.class.getResourceAsStream("wire-vectors.txt")) {
            Map<String, byte[]> out = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split(" ");
                    out.put(parts[0], HexFormat.of().parseHex(parts[1]));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Message decode(byte[] framed) throws Exception {
        Frame frame = new V1Transport(P2pNetwork.REGTEST).read(new ByteArrayInputStream(framed));
        assertFalse(frame.rejected(), frame.rejection());
        return MessageCodec.decode(frame.command(), frame.payload());
    }

    private static byte[] encode(Message m) {
        return new V1Transport(P2pNetwork.REGTEST).encode(m.command(), MessageCodec.encode(m));
    }

    @Test
    void everyVectorDecodesToTheScriptsValuesAndEncodesBackIdentically() throws Exception {
        Map<String, byte[]> vectors = vectors();
        assertEquals(List.of("version", "verack", "getaddr", "mempool", "ping", "pong", "inv", "getdata",
                "notfound", "addr", "getheaders", "getblocks"), List.copyOf(vectors.keySet()));
        for (Map.Entry<String, byte[]> e : vectors.entrySet()) {
            Message m = decode(e.getValue());
            assertEquals(e.getKey(), m.command());
            assertArrayEquals(e.getValue(), encode(m), "re-encoding " + e.getKey());
        }
    }

    @Test
    void versionFields() throws Exception {
        VersionMessage v = (VersionMessage) decode(vectors().get("version"));
        assertEquals(70016, v.version());
        assertEquals(1033, v.services());
        assertEquals(1_700_000_000L, v.time());
        assertEquals(new NetAddress(0, InetAddress.getByName("127.0.0.1"), 18444), v.receiver());
        assertEquals(new NetAddress(1033, InetAddress.getByName("10.1.2.3"), 18445), v.sender());
        assertEquals(0x1122334455667788L, v.nonce());
        assertEquals("/vectors:0.1/", v.userAgent());
        assertEquals(200, v.startHeight());
        assertTrue(v.relay());
    }

    @Test
    void simpleMessages() throws Exception {
        Map<String, byte[]> vectors = vectors();
        assertEquals(EmptyMessage.VERACK, decode(vectors.get("verack")));
        assertEquals(EmptyMessage.GETADDR, decode(vectors.get("getaddr")));
        assertEquals(EmptyMessage.MEMPOOL, decode(vectors.get("mempool")));
        assertEquals(new PingMessage(0x0102030405060708L), decode(vectors.get("ping")));
        assertEquals(new PongMessage(0x0102030405060708L), decode(vectors.get("pong")));
    }

    @Test
    void inventoryAddressesLocatorsAndHeaders() throws Exception {
        Map<String, byte[]> vectors = vectors();
        List<InvVector> entries = List.of(new InvVector(InvVector.MSG_TX, H1), new InvVector(InvVector.MSG_BLOCK, H2));
        for (String command : List.of("inv", "getdata", "notfound")) {
            assertEquals(new InventoryMessage(command, entries), decode(vectors.get(command)));
        }
        assertEquals(new AddrMessage(List.of(new TimedAddress(1_700_000_123L,
                new NetAddress(1033, InetAddress.getByName("192.0.2.7"), 8333)))), decode(vectors.get("addr")));
        for (String command : List.of("getheaders", "getblocks")) {
            assertEquals(new LocatorMessage(command, 60002, List.of(H1, GENESIS), H2), decode(vectors.get(command)));
        }
    }
}

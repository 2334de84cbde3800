package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Round trips of the messages the vectors lack, and Core's limits and decoding failures. */
class MessageCodecTest {
    /** Regtest's genesis block header (chainparams.cpp: time 1296688602, bits 0x207fffff, nonce 2). */
    private static final Bytes GENESIS_HEADER = Bytes.fromHex("01000000" + "00".repeat(32)
            + "3ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a" + "dae5494d" + "ffff7f20" + "02000000");

    private static Message roundTrip(Message m) throws MalformedMessageException {
        return MessageCodec.decode(m.command(), MessageCodec.encode(m));
    }

    private static byte[] countThenZeros(long count, int countBytesPrefix, int zeros) {
        WireWriter w = new WireWriter();
        if (countBytesPrefix > 0) {
            w.bytes(new byte[countBytesPrefix]);
        }
        return w.compactSize(count).bytes(new byte[zeros]).toByteArray();
    }

    @Test
    void roundTrips() throws Exception {
        List<Message> messages = List.of(
                EmptyMessage.SENDHEADERS, EmptyMessage.WTXIDRELAY, EmptyMessage.SENDADDRV2,
                new SendCmpctMessage(true, 2), new FeeFilterMessage(1000),
                new HeadersMessage(List.of(GENESIS_HEADER, GENESIS_HEADER)),
                new AddrV2Message(List.of(
                        new AddrV2Entry(5, 1033, AddrV2Entry.IPV4, Bytes.fromHex("c0000207"), 8333),
                        new AddrV2Entry(6, 0, AddrV2Entry.TORV3, Bytes.copyOf(new byte[32]), 9050),
                        new AddrV2Entry(7, 1, 99, Bytes.fromHex("0102"), 1))),
                new RawMessage("tx", Bytes.fromHex("0100")),
                new RawMessage("somethingnew", Bytes.fromHex("ff")));
        for (Message m : messages) {
            assertEquals(m, roundTrip(m), m.command());
        }
    }

    @Test
    void headersCarryCoresTransactionCountAndHashToGenesis() throws Exception {
        byte[] payload = MessageCodec.encode(new HeadersMessage(List.of(GENESIS_HEADER)));
        assertEquals(1 + 80 + 1, payload.length);
        assertEquals(0, payload[81], "Core writes a zero transaction count after each header");
        byte[] h = GENESIS_HEADER.toByteArray();
        assertEquals("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206",
                Bytes.wrap(Sha256d.hash(h, 0, h.length)).toDisplayHex());
    }

    @Test
    void aShortVersionDecodesWithCoresDefaults() throws Exception {
        WireWriter w = new WireWriter().i32(70015).i64(9).i64(1234);
        new NetAddress(0, InetAddress.getByName("127.0.0.1"), 1).write(w);
        VersionMessage v = (VersionMessage) MessageCodec.decode("version", w.toByteArray());
        assertEquals(70015, v.version());
        assertEquals("", v.userAgent());
        assertEquals(0, v.startHeight());
        assertTrue(v.relay());
    }

    @Test
    void inventoryOverTheLimitIsMisbehaviourWhenAllEntriesArePresent() {
        byte[] inv = countThenZeros(ProtocolLimits.MAX_INV_ENTRIES + 1, 0,
                (ProtocolLimits.MAX_INV_ENTRIES + 1) * InvVector.SIZE);
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> MessageCodec.decode("inv", inv));
        assertEquals("inv: inv at byte 0: 50001 entries, at most 50000 allowed", e.getMessage());
        assertThrows(LimitExceededException.class, () -> MessageCodec.decode("getdata", inv));
        InventoryMessage notfound = assertInstanceOf(InventoryMessage.class, assertDoesNotThrowDecode("notfound", inv));
        assertEquals(50_001, notfound.entries().size(), "Core bounds notfound only by the message size");
    }

    private static Message assertDoesNotThrowDecode(String command, byte[] payload) {
        try {
            return MessageCodec.decode(command, payload);
        } catch (MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void exactlyTheLimitIsAccepted() throws Exception {
        byte[] inv = countThenZeros(ProtocolLimits.MAX_INV_ENTRIES, 0, ProtocolLimits.MAX_INV_ENTRIES * InvVector.SIZE);
        assertEquals(50_000, ((InventoryMessage) MessageCodec.decode("inv", inv)).entries().size());
    }

    @Test
    void aTruncatedOversizedInventoryIsMalformedNotMisbehaviour() {
        // Core deserializes the vector before checking its size, so a short one fails to decode first.
        byte[] inv = countThenZeros(ProtocolLimits.MAX_INV_ENTRIES + 1, 0, 100 * InvVector.SIZE);
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> MessageCodec.decode("inv", inv));
        assertFalse(e instanceof LimitExceededException);
        assertTrue(e.getMessage().contains("50001 entries cannot fit in the 3600 bytes left"), e.getMessage());
    }

    @Test
    void hugeCountsFailBeforeAllocating() {
        byte[] claim = new WireWriter().u8(0xfe).i32(0x01ffffff).toByteArray();
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> MessageCodec.decode("inv", claim));
        assertTrue(e.getMessage().contains("33554431 entries cannot fit in the 0 bytes left"), e.getMessage());
        byte[] overMaxSize = new WireWriter().u8(0xff).i64(1L << 40).toByteArray();
        e = assertThrows(MalformedMessageException.class, () -> MessageCodec.decode("addr", overMaxSize));
        assertTrue(e.getMessage().contains("exceeds 33554432"), e.getMessage());
    }

    @Test
    void headersOverTheLimitAreMisbehaviourFromTheCountAlone() {
        byte[] headers = new WireWriter().compactSize(ProtocolLimits.MAX_HEADERS + 1).toByteArray();
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> MessageCodec.decode("headers", headers));
        assertEquals("headers: headers at byte 0: 2001 entries, at most 2000 allowed", e.getMessage());
    }

    @Test
    void addrOverTheLimitIsMisbehaviour() {
        byte[] addr = countThenZeros(ProtocolLimits.MAX_ADDR + 1, 0, (ProtocolLimits.MAX_ADDR + 1) * TimedAddress.SIZE);
        assertThrows(LimitExceededException.class, () -> MessageCodec.decode("addr", addr));
        WireWriter v2 = new WireWriter().compactSize(ProtocolLimits.MAX_ADDR + 1);
        for (int i = 0; i <= ProtocolLimits.MAX_ADDR; i++) {
            new AddrV2Entry(0, 0, AddrV2Entry.IPV4, Bytes.fromHex("01020304"), 1).write(v2);
        }
        assertThrows(LimitExceededException.class, () -> MessageCodec.decode("addrv2", v2.toByteArray()));
    }

    @Test
    void malformedPayloadsNameTheCommandFieldAndOffset() {
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> MessageCodec.decode("ping", new byte[3]));
        assertEquals("ping: nonce at byte 0: needs 8 bytes, 3 left", e.getMessage());
        byte[] nonCanonical = new WireWriter().u8(0xfd).u16le(5).toByteArray();
        e = assertThrows(MalformedMessageException.class, () -> MessageCodec.decode("inv", nonCanonical));
        assertEquals("inv: inv count at byte 0: non-canonical CompactSize", e.getMessage());
        WireWriter longAgent = new WireWriter().i32(70016).i64(0).i64(0);
        new NetAddress(0, Inet.ANY_V4, 0).write(longAgent);
        new NetAddress(0, Inet.ANY_V4, 0).write(longAgent);
        longAgent.i64(1).string("x".repeat(257));
        e = assertThrows(MalformedMessageException.class, () -> MessageCodec.decode("version", longAgent.toByteArray()));
        assertEquals("version: user_agent at byte 80: 257 bytes, at most 256 allowed", e.getMessage());
        byte[] wrongIpv4 = new WireWriter().compactSize(1).i32(0).compactSize(0).u8(AddrV2Entry.IPV4)
                .compactSize(5).bytes(new byte[5]).u16be(1).toByteArray();
        e = assertThrows(MalformedMessageException.class, () -> MessageCodec.decode("addrv2", wrongIpv4));
        assertEquals("addrv2: addrv2 address at byte 7: network 1 needs 4 bytes, got 5", e.getMessage());
    }

    @Test
    void trailingBytesAreIgnoredAsCoreDoes() throws Exception {
        byte[] ping = Arrays.copyOf(MessageCodec.encode(new PingMessage(42)), 12);
        assertEquals(new PingMessage(42), MessageCodec.decode("ping", ping));
    }
}

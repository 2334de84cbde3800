package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class V1TransportTest {
    private final V1Transport regtest = new V1Transport(P2pNetwork.REGTEST);

    private static InputStream stream(byte[]... parts) {
        InputStream in = new ByteArrayInputStream(new byte[0]);
        for (byte[] p : parts) {
            in = new SequenceInputStream(in, new ByteArrayInputStream(p));
        }
        return in;
    }

    @Test
    void mainnetVerackIsTheWellKnownFrame() {
        // Every Bitcoin implementation's mainnet verack: magic, "verack", length 0, checksum of the empty payload.
        assertEquals("f9beb4d976657261636b000000000000000000005df6e0e2",
                HexFormat.of().formatHex(new V1Transport(P2pNetwork.MAIN).encode("verack", new byte[0])));
    }

    @Test
    void framesFollowEachOtherAndACleanEndIsNull() throws Exception {
        byte[] a = regtest.encode("ping", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        byte[] b = regtest.encode("verack", new byte[0]);
        InputStream in = stream(a, b);
        Frame first = regtest.read(in);
        assertEquals("ping", first.command());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, first.payload());
        assertEquals("verack", regtest.read(in).command());
        assertNull(regtest.read(in));
    }

    @Test
    void wrongMagicIsAFramingError() {
        byte[] mainnet = new V1Transport(P2pNetwork.MAIN).encode("verack", new byte[0]);
        FramingException e = assertThrows(FramingException.class, () -> regtest.read(stream(mainnet)));
        assertEquals("wrong magic f9beb4d9, expected fabfb5da", e.getMessage());
    }

    @Test
    void oversizedLengthFailsFromTheHeaderAlone() {
        byte[] header = Arrays.copyOf(regtest.encode("block", new byte[0]), V1Transport.HEADER_SIZE);
        int length = ProtocolLimits.MAX_MESSAGE_LENGTH + 1;
        for (int i = 0; i < 4; i++) {
            header[16 + i] = (byte) (length >>> (8 * i));
        }
        // No payload follows: the check must not wait for (or allocate) 4 MB.
        FramingException e = assertThrows(FramingException.class, () -> regtest.read(stream(header)));
        assertTrue(e.getMessage().contains("4000001 bytes exceeds the 4000000-byte limit"), e.getMessage());
    }

    @Test
    void aMessageOfExactlyTheLimitIsAccepted() throws Exception {
        byte[] framed = regtest.encode("block", new byte[ProtocolLimits.MAX_MESSAGE_LENGTH]);
        assertEquals(ProtocolLimits.MAX_MESSAGE_LENGTH, regtest.read(stream(framed)).payload().length);
    }

    @Test
    void wrongChecksumIsRejectedButFramingContinues() throws Exception {
        byte[] bad = regtest.encode("ping", new byte[8]);
        bad[20] ^= 1;
        InputStream in = stream(bad, regtest.encode("verack", new byte[0]));
        Frame frame = regtest.read(in);
        assertTrue(frame.rejected());
        assertTrue(frame.rejection().startsWith("wrong checksum for 'ping' (8 bytes)"), frame.rejection());
        assertEquals("verack", regtest.read(in).command());
    }

    @Test
    void invalidCommandCharactersAreRejected() throws Exception {
        byte[] framed = regtest.encode("ping", new byte[8]);
        framed[4 + 5] = 'x'; // a character after the NUL padding started
        assertEquals("invalid message type 'ping'", regtest.read(stream(framed)).rejection());
        byte[] control = regtest.encode("ping", new byte[8]);
        control[4] = 7;
        assertTrue(regtest.read(stream(control)).rejected());
    }

    @Test
    void endOfStreamInsideAMessageIsReported() {
        byte[] framed = regtest.encode("ping", new byte[8]);
        EOFException midHeader = assertThrows(EOFException.class,
                () -> regtest.read(stream(Arrays.copyOf(framed, 10))));
        assertEquals("stream ended after 10 of 24 header bytes", midHeader.getMessage());
        EOFException midPayload = assertThrows(EOFException.class,
                () -> regtest.read(stream(Arrays.copyOf(framed, 28))));
        assertEquals("stream ended after 4 of 8 payload bytes of 'ping'", midPayload.getMessage());
    }

    @Test
    void commandsLongerThanTwelveBytesCannotBeSent() {
        assertThrows(IllegalArgumentException.class, () -> regtest.encode("thirteenchars", new byte[0]));
    }
}

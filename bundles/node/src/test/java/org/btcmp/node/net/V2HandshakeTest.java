package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The BIP324 handshake and message layer between two of our sides over loopback TCP (Java to Java: bcoin 1.0.2
 * has no v2 transport): garbage of every length class, decoys, short and long message types, v1 detection,
 * and garbage altered in transit failing authentication.
 */
class V2HandshakeTest {
    private static final byte[] REGTEST = {(byte) 0xfa, (byte) 0xbf, (byte) 0xb5, (byte) 0xda};
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Runs the responder on an accepted socket and the initiator on a connected one. */
    private interface Side<T> {
        T run(InputStream in, OutputStream out) throws IOException;
    }

    private static <A, B> void pair(Side<A> initiator, Side<B> responder, java.util.function.BiConsumer<A, B> check)
            throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<B> answer = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(20_000);
                    return responder.run(new BufferedInputStream(s.getInputStream()), s.getOutputStream());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            A a;
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                s.setSoTimeout(20_000);
                a = initiator.run(new BufferedInputStream(s.getInputStream()), s.getOutputStream());
                check.accept(a, answer.get(30, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void bothSidesAgreeAndExchangeMessagesWhateverTheGarbageAndDecoys() {
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            for (int[] garbage : new int[][] {{0, 0}, {1, 4095}, {4095, 17}, {RANDOM.nextInt(4096), 4095}}) {
                byte[][] received = new byte[4][];
                pair((in, out) -> {
                    V2Session s = V2Handshake.initiate(in, out, REGTEST, RANDOM, garbage[0], List.of(0, 100, 7));
                    out.write(s.encode("ping", new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
                    out.write(s.encode("version", new byte[] {9}));
                    out.write(s.encode("sendtxrcncl", new byte[0]));
                    out.flush();
                    V2Session.Message reply = s.read(in);
                    received[0] = reply.command().getBytes();
                    received[1] = reply.payload();
                    return s;
                }, (in, out) -> {
                    V2Handshake.Outcome o = V2Handshake.respond(in, out, REGTEST, RANDOM, garbage[1]);
                    V2Session s = o.session();
                    V2Session.Message ping = s.read(in);
                    V2Session.Message version = s.read(in);
                    V2Session.Message unknown = s.read(in);
                    assertEquals("ping", ping.command());
                    assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, ping.payload());
                    assertEquals("version", version.command());
                    assertArrayEquals(new byte[] {9}, version.payload());
                    assertEquals("sendtxrcncl", unknown.command());
                    out.write(s.encode("pong", ping.payload()));
                    out.flush();
                    return s;
                }, (a, b) -> assertArrayEquals(a.sessionId(), b.sessionId(), "both sides derive one session id"));
                assertEquals("pong", new String(received[0]));
                assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, received[1]);
            }
        });
    }

    @Test
    void aShortTypeTravelsAsOneByteAndALongOneAsTwelve() throws Exception {
        V2Cipher cipher = new V2Cipher(new byte[32], true, REGTEST);
        V2Session s = new V2Session(cipher);
        assertEquals(V2Cipher.LENGTH_BYTES + 1 + 1 + 8 + FsChaCha20Poly1305.TAG_LENGTH,
                s.encode("ping", new byte[8]).length, "ping is type 18: one byte");
        assertEquals(V2Cipher.LENGTH_BYTES + 1 + 13 + FsChaCha20Poly1305.TAG_LENGTH,
                s.encode("verack", new byte[0]).length, "verack has no short id: 0 and 12 bytes");
        assertEquals(18, V2Session.SHORT_IDS.indexOf("ping") + 1);
        assertEquals(28, V2Session.SHORT_IDS.indexOf("addrv2") + 1);
        assertThrows(IllegalArgumentException.class, () -> s.encode("thirteen-long", new byte[0]));
    }

    @Test
    void aResponderHandsAV1PeerBackWithTheBytesItReadAndSendsNothing() throws Exception {
        byte[] v1 = new V1Transport(P2pNetwork.REGTEST).encode("version", new byte[] {1, 2, 3});
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(v1);
        V2Handshake.Outcome o = V2Handshake.respond(in, sent, REGTEST, RANDOM, 10);
        assertNull(o.session());
        assertArrayEquals(Arrays.copyOf(v1, 16), o.v1Prefix());
        assertEquals(0, sent.size(), "a v1 peer hears nothing from the v2 side");
        assertEquals(v1.length - 16, in.available(), "the rest of its message is still to read");
    }

    @Test
    void garbageAlteredInTransitFailsTheVersionPacketsAuthentication() {
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            ExecutionException e = assertThrows(ExecutionException.class, () -> pair((in, out) -> {
                // Flip one bit of the 70th byte written: inside the initiator's garbage (after its 64-byte key).
                OutputStream flipping = new FilterOutputStream(out) {
                    private int written;

                    @Override
                    public void write(int b) throws IOException {
                        super.write(written++ == 69 ? b ^ 1 : b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        for (int i = 0; i < len; i++) {
                            write(b[off + i]);
                        }
                    }
                };
                try {
                    return V2Handshake.initiate(in, flipping, REGTEST, RANDOM, 100, List.of());
                } catch (IOException ex) {
                    return null; // the responder hangs up
                }
            }, (in, out) -> V2Handshake.respond(in, out, REGTEST, RANDOM, 50), (a, b) -> {
            }));
            assertTrue(String.valueOf(e.getCause()).contains("failed authentication"), String.valueOf(e.getCause()));
        });
    }
}

package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input on a real socket, one row per case naming what Bitcoin Core does. After every case an honest
 * peer still completes the handshake and a ping, and closing the manager leaves no net thread behind.
 */
class HostilePeerTest {
    /** Core's outcome for a case. */
    enum Outcome {
        /** Logged and dropped; the connection stays and keeps working. */
        IGNORED,
        /** The connection is closed; the address is not punished. */
        DISCONNECTED,
        /** Misbehaving(): disconnected and discouraged, except that a local (loopback) peer is only disconnected. */
        DISCOURAGED
    }

    /** What a case sends; {@code afterHandshake} says whether the version/verack exchange comes first. */
    interface Script {
        void run(RawPeer peer) throws Exception;
    }

    record Case(String name, boolean afterHandshake, Script script, Outcome outcome, Disconnect.Kind kind) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Bytes ZERO = Bytes.copyOf(new byte[32]);

    private static byte[] withLength(byte[] frame, long length) {
        byte[] header = Arrays.copyOf(frame, V1Transport.HEADER_SIZE);
        for (int i = 0; i < 4; i++) {
            header[16 + i] = (byte) (length >>> (8 * i));
        }
        return header;
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("wrong magic", true,
                        p -> p.sendRaw(new V1Transport(P2pNetwork.MAIN).encode("ping", new byte[8])),
                        Outcome.DISCONNECTED, Disconnect.Kind.PROTOCOL_VIOLATION),
                new Case("wrong checksum", true, p -> {
                    byte[] f = p.frame(new PingMessage(1));
                    f[21] ^= 0x55;
                    p.sendRaw(f);
                }, Outcome.IGNORED, null),
                new Case("invalid command characters", true, p -> {
                    byte[] f = p.frame(new PingMessage(1));
                    f[5] = 1;
                    p.sendRaw(f);
                }, Outcome.IGNORED, null),
                new Case("oversized message (4 000 001 bytes announced)", true,
                        p -> p.sendRaw(withLength(p.frame(new RawMessage("block", ZERO)), 4_000_001)),
                        Outcome.DISCONNECTED, Disconnect.Kind.PROTOCOL_VIOLATION),
                new Case("largest allowed message of an unknown command", true,
                        p -> p.send(new RawMessage("bigunknown", Bytes.copyOf(new byte[4_000_000]))),
                        Outcome.IGNORED, null),
                new Case("unknown command", true, p -> p.send(new RawMessage("xyzzy", ZERO)), Outcome.IGNORED, null),
                new Case("ping before version", false, p -> p.send(new PingMessage(9)), Outcome.IGNORED, null),
                new Case("inv between version and verack", false, p -> {
                    p.send(RawPeer.version(70016));
                    p.send(new InventoryMessage("inv", List.of(new InvVector(1, ZERO))));
                }, Outcome.IGNORED, null),
                new Case("malformed ping (3 bytes)", true, p -> p.sendRaw(p.transport.encode("ping", new byte[3])),
                        Outcome.IGNORED, null),
                new Case("malformed version (user agent over 256 bytes)", false, p -> {
                    VersionMessage v = RawPeer.version(70016);
                    p.send(new VersionMessage(v.version(), v.services(), v.time(), v.receiver(), v.sender(),
                            v.nonce(), "x".repeat(300), 0, true));
                }, Outcome.IGNORED, null),
                new Case("obsolete protocol version", false, p -> p.send(RawPeer.version(31799)),
                        Outcome.DISCONNECTED, Disconnect.Kind.PROTOCOL_VIOLATION),
                new Case("wtxidrelay after verack", true, p -> p.send(EmptyMessage.WTXIDRELAY),
                        Outcome.DISCONNECTED, Disconnect.Kind.PROTOCOL_VIOLATION),
                new Case("too many inv entries (50 001)", true,
                        p -> p.send(new InventoryMessage("inv", Collections.nCopies(50_001, new InvVector(1, ZERO)))),
                        Outcome.DISCOURAGED, Disconnect.Kind.MISBEHAVIOUR),
                new Case("too many getdata entries (50 001)", true, p -> p.send(
                        new InventoryMessage("getdata", Collections.nCopies(50_001, new InvVector(2, ZERO)))),
                        Outcome.DISCOURAGED, Disconnect.Kind.MISBEHAVIOUR),
                new Case("too many headers (2 001)", true, p -> p.sendRaw(p.transport.encode("headers",
                        new WireWriter().compactSize(2001).bytes(new byte[2001 * 81]).toByteArray())),
                        Outcome.DISCOURAGED, Disconnect.Kind.MISBEHAVIOUR),
                new Case("too many addresses (1 001)", true, p -> p.send(new AddrMessage(Collections.nCopies(1001,
                        new TimedAddress(0, new NetAddress(1, InetAddress.getByName("192.0.2.1"), 8333))))),
                        Outcome.DISCOURAGED, Disconnect.Kind.MISBEHAVIOUR),
                new Case("getheaders locator over 101 hashes", true, p -> p.send(
                        new LocatorMessage("getheaders", 70016, Collections.nCopies(102, ZERO), ZERO)),
                        Outcome.DISCONNECTED, Disconnect.Kind.PROTOCOL_VIOLATION),
                new Case("peer stops mid-message", true,
                        p -> p.sendRaw(Arrays.copyOf(p.frame(new PingMessage(1)), 30)),
                        Outcome.DISCONNECTED, Disconnect.Kind.TIMEOUT),
                new Case("peer goes silent before version", false, p -> { },
                        Outcome.DISCONNECTED, Disconnect.Kind.TIMEOUT));
    }

    private static final PeerTimeouts FAST = new PeerTimeouts(Duration.ofSeconds(3), Duration.ofMinutes(2),
            Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofMillis(100));

    private final BlockingQueue<Disconnect> disconnects = new LinkedBlockingQueue<>();
    private ConnectionManager manager;
    private InetSocketAddress address;

    @BeforeEach
    void listen() throws Exception {
        manager = new ConnectionManager(LocalNode.defaults(P2pNetwork.REGTEST, () -> 0), FAST, 8, new PeerListener() {
            @Override
            public void disconnected(Peer peer, Disconnect reason) {
                disconnects.add(reason);
            }
        });
        address = manager.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void closeWithoutLeaks() {
        manager.close();
        assertEquals(List.of(), NetThreads.alive());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void coresOutcome(Case c) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (RawPeer hostile = new RawPeer(address)) {
                if (c.afterHandshake()) {
                    hostile.handshake();
                }
                c.script().run(hostile);
                if (c.outcome() == Outcome.IGNORED) {
                    if (!c.afterHandshake()) {
                        hostile.handshake();
                    }
                    hostile.assertAlive(4242);
                    assertEquals(1, manager.peers().size());
                    assertEquals(null, manager.peers().get(0).disconnectReason());
                } else {
                    assertTrue(hostile.closedByRemote(), "the node closes the connection");
                    Disconnect reason = disconnects.poll(20, TimeUnit.SECONDS);
                    assertEquals(c.kind(), reason.kind(), reason.toString());
                    // Loopback is local to Core: misbehaviour disconnects it without discouraging it.
                    assertFalse(manager.discouraged().contains(InetAddress.getLoopbackAddress()));
                }
            }
            try (RawPeer honest = new RawPeer(address)) {
                honest.handshake();
                honest.assertAlive(77);
            }
        });
    }
}

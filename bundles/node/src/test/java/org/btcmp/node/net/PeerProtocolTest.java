package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handshake and keepalive rules of {@link PeerProtocol}, driven without sockets and with a fake clock. */
class PeerProtocolTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long OWN_NONCE = 777;
    private static final PeerTimeouts TIMEOUTS = new PeerTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(120),
            Duration.ofSeconds(1200), Duration.ofSeconds(1200), Duration.ofSeconds(1));

    /** Records every decision of the state machine. */
    private static final class Recorder implements PeerProtocol.Actions {
        final List<Message> sent = new ArrayList<>();
        final List<Message> delivered = new ArrayList<>();
        final List<String> dropped = new ArrayList<>();
        final List<String> misbehaviour = new ArrayList<>();
        Disconnect disconnect;
        boolean handshake;

        @Override
        public void send(Message message) {
            sent.add(message);
        }

        @Override
        public void disconnect(Disconnect reason) {
            disconnect = reason;
        }

        @Override
        public void misbehaving(String reason) {
            misbehaviour.add(reason);
        }

        @Override
        public void dropped(String reason) {
            dropped.add(reason);
        }

        @Override
        public void handshakeComplete() {
            handshake = true;
        }

        @Override
        public void deliver(Message message) {
            delivered.add(message);
        }

        List<String> sentCommands() {
            return sent.stream().map(Message::command).toList();
        }
    }

    private final Recorder out = new Recorder();

    private PeerProtocol protocol(ConnectionType type) {
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getLoopbackAddress(), 18444);
        LocalNode local = LocalNode.defaults(P2pNetwork.REGTEST, () -> 5);
        return new PeerProtocol(local, type, remote, 42, n -> n == OWN_NONCE, TIMEOUTS, out, 0);
    }

    private static Frame frame(Message m) {
        return new Frame(m.command(), MessageCodec.encode(m), null);
    }

    private static VersionMessage version(int protocolVersion, long services, long nonce) {
        NetAddress any = new NetAddress(0, Inet.ANY_V4, 0);
        return new VersionMessage(protocolVersion, services, 0, any, any, nonce, "/test/", 100, true);
    }

    private static final long FULL = ServiceFlags.NODE_NETWORK | ServiceFlags.NODE_WITNESS;

    private PeerProtocol connected(ConnectionType type, int peerVersion) {
        PeerProtocol p = protocol(type);
        p.start();
        p.onFrame(frame(version(peerVersion, FULL, 1)), 0);
        p.onFrame(frame(EmptyMessage.VERACK), 0);
        assertTrue(out.handshake);
        out.sent.clear();
        return p;
    }

    @Test
    void outboundSendsVersionFirstAndNegotiatesFeaturesAt70016() {
        PeerProtocol p = protocol(ConnectionType.MANUAL);
        p.start();
        VersionMessage ours = assertInstanceOf(VersionMessage.class, out.sent.get(0));
        assertEquals(70016, ours.version());
        assertEquals(42, ours.nonce());
        assertEquals(5, ours.startHeight());
        assertEquals(ServiceFlags.NODE_NETWORK | ServiceFlags.NODE_WITNESS | ServiceFlags.NODE_NETWORK_LIMITED,
                ours.services());
        p.onFrame(frame(version(70016, FULL, 1)), 0);
        assertEquals(List.of("version", "wtxidrelay", "sendaddrv2", "verack"), out.sentCommands());
        p.onFrame(frame(EmptyMessage.WTXIDRELAY), 0);
        p.onFrame(frame(EmptyMessage.SENDADDRV2), 0);
        assertFalse(out.handshake);
        p.onFrame(frame(EmptyMessage.VERACK), 0);
        assertTrue(out.handshake);
        assertEquals(List.of("version", "wtxidrelay", "sendaddrv2", "verack", "sendheaders", "sendcmpct",
                "feefilter", "getaddr", "ping"), out.sentCommands());
        assertEquals(new SendCmpctMessage(false, 2), out.sent.get(5));
        assertEquals(new FeeFilterMessage(1000), out.sent.get(6));
        p.onFrame(frame(EmptyMessage.SENDHEADERS), 0);
        p.onFrame(frame(new SendCmpctMessage(true, 2)), 0);
        p.onFrame(frame(new FeeFilterMessage(2500)), 0);
        assertEquals(new PeerFeatures(true, true, true, 2, true, 2500), p.features());
        assertEquals(new PeerVersion(70016, FULL, "/test/", 100, true), p.peerVersion());
        assertEquals(List.of(), out.dropped);
    }

    @Test
    void inboundAnswersWithItsVersionAndOmitsNewerFeaturesForOlderPeers() {
        PeerProtocol p = protocol(ConnectionType.INBOUND);
        p.start();
        assertEquals(List.of(), out.sent, "inbound waits for the peer's version");
        p.onFrame(frame(version(70015, FULL, 1)), 0);
        assertEquals(List.of("version", "verack"), out.sentCommands());
        p.onFrame(frame(EmptyMessage.WTXIDRELAY), 0);
        assertEquals(List.of("wtxidrelay ignored: common version 70015"), out.dropped);
        p.onFrame(frame(EmptyMessage.VERACK), 0);
        assertEquals(List.of("version", "verack", "sendheaders", "sendcmpct", "feefilter", "ping"), out.sentCommands(),
                "no getaddr to inbound peers");
        assertFalse(p.features().wtxidRelay());
    }

    @Test
    void messagesBeforeVersionAndBeforeVerackAreIgnored() {
        PeerProtocol p = protocol(ConnectionType.INBOUND);
        p.onFrame(frame(new PingMessage(1)), 0);
        p.onFrame(frame(EmptyMessage.VERACK), 0);
        assertEquals(List.of("non-version message before version handshake: ping",
                "non-version message before version handshake: verack"), out.dropped);
        p.onFrame(frame(version(70016, FULL, 1)), 0);
        p.onFrame(frame(new PingMessage(2)), 0);
        p.onFrame(frame(new InventoryMessage("inv", List.of())), 0);
        assertEquals("unsupported message prior to verack: inv", out.dropped.get(3));
        p.onFrame(frame(version(70016, FULL, 1)), 0);
        assertEquals("redundant version message", out.dropped.get(4));
        assertFalse(out.sentCommands().contains("pong"));
        assertNull(out.disconnect);
        assertEquals(List.of(), out.delivered);
    }

    @Test
    void featureMessagesAfterVerackDisconnect() {
        PeerProtocol p = connected(ConnectionType.INBOUND, 70016);
        p.onFrame(frame(EmptyMessage.WTXIDRELAY), 0);
        assertEquals(new Disconnect(Disconnect.Kind.PROTOCOL_VIOLATION, "wtxidrelay received after verack"),
                out.disconnect);
        Recorder second = new Recorder();
        PeerProtocol q = new PeerProtocol(LocalNode.defaults(P2pNetwork.REGTEST, () -> 0), ConnectionType.INBOUND,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 1), 1, n -> false, TIMEOUTS, second, 0);
        q.onFrame(frame(version(70016, FULL, 1)), 0);
        q.onFrame(frame(EmptyMessage.VERACK), 0);
        q.onFrame(frame(EmptyMessage.SENDADDRV2), 0);
        assertEquals("sendaddrv2 received after verack", second.disconnect.detail());
    }

    @Test
    void versionRulesObsoleteServicesAndSelfConnection() {
        protocol(ConnectionType.INBOUND).onFrame(frame(version(31799, FULL, 1)), 0);
        assertEquals(new Disconnect(Disconnect.Kind.PROTOCOL_VIOLATION, "peer using obsolete version 31799"),
                out.disconnect);
        out.disconnect = null;
        protocol(ConnectionType.OUTBOUND_FULL_RELAY).onFrame(frame(version(70016, ServiceFlags.NODE_NETWORK, 1)), 0);
        assertEquals("peer does not offer the expected services (00000001 offered)", out.disconnect.detail());
        out.disconnect = null;
        protocol(ConnectionType.MANUAL).onFrame(frame(version(70016, 0, 1)), 0);
        assertNull(out.disconnect, "manual connections need no services");
        protocol(ConnectionType.INBOUND).onFrame(frame(version(70016, FULL, OWN_NONCE)), 0);
        assertEquals("connected to self", out.disconnect.detail());
    }

    @Test
    void pingIsAnsweredAndPongMeasuresTheRoundTrip() {
        PeerProtocol p = protocol(ConnectionType.INBOUND);
        p.onFrame(frame(version(70016, FULL, 1)), 0);
        p.onFrame(frame(EmptyMessage.VERACK), 10 * SECOND);
        PingMessage ours = (PingMessage) out.sent.get(out.sent.size() - 1);
        p.onFrame(frame(new PingMessage(99)), 11 * SECOND);
        assertEquals(new PongMessage(99), out.sent.get(out.sent.size() - 1));
        p.onFrame(frame(new PongMessage(ours.nonce() + 1)), 12 * SECOND);
        assertEquals("pong nonce mismatch", out.dropped.get(out.dropped.size() - 1));
        assertEquals(-1, p.lastPingRttNanos());
        p.onFrame(frame(new PongMessage(ours.nonce())), 13 * SECOND);
        assertEquals(3 * SECOND, p.lastPingRttNanos());
        p.onFrame(frame(new PongMessage(ours.nonce())), 14 * SECOND);
        assertEquals("unsolicited pong", out.dropped.get(out.dropped.size() - 1));
    }

    @Test
    void anUnansweredPingTimesOut() {
        PeerProtocol p = connected(ConnectionType.INBOUND, 70016);
        // The ping sent at verack is still outstanding: no second ping, and 1 200 s later a ping timeout.
        p.tick(100 * SECOND);
        assertEquals(List.of(), out.sent);
        p.onFrame(frame(new PingMessage(5)), 1000 * SECOND);
        p.tick(1201 * SECOND);
        assertEquals(new Disconnect(Disconnect.Kind.TIMEOUT, "ping timeout"), out.disconnect);
    }

    @Test
    void periodicPingAfterTheIntervalAndInactivityTimeout() {
        PeerProtocol p = protocol(ConnectionType.INBOUND);
        p.onFrame(frame(version(70016, FULL, 1)), 0);
        p.onFrame(frame(EmptyMessage.VERACK), 0);
        PingMessage first = (PingMessage) out.sent.get(out.sent.size() - 1);
        p.onFrame(frame(new PongMessage(first.nonce())), SECOND);
        out.sent.clear();
        p.tick(119 * SECOND);
        assertEquals(List.of(), out.sent);
        p.tick(120 * SECOND);
        assertEquals(List.of("ping"), out.sentCommands());
        p.received(200 * SECOND); // bytes of a message still arriving keep the connection alive
        PingMessage second = (PingMessage) out.sent.get(0);
        p.onFrame(frame(new PongMessage(second.nonce())), 200 * SECOND);
        p.tick(1400 * SECOND);
        assertNull(out.disconnect);
        p.tick(1401 * SECOND);
        assertEquals(new Disconnect(Disconnect.Kind.TIMEOUT, "receive timeout"), out.disconnect);
    }

    @Test
    void handshakeTimeout() {
        PeerProtocol p = protocol(ConnectionType.INBOUND);
        p.tick(60 * SECOND);
        assertNull(out.disconnect);
        p.tick(61 * SECOND);
        assertEquals(new Disconnect(Disconnect.Kind.TIMEOUT, "version handshake timeout"), out.disconnect);
    }

    @Test
    void limitsAndUnknownCommandsAfterTheHandshake() {
        PeerProtocol p = connected(ConnectionType.INBOUND, 70016);
        Bytes zero = Bytes.copyOf(new byte[32]);
        p.onFrame(frame(new InventoryMessage("inv", Collections.nCopies(50_001, new InvVector(1, zero)))), 0);
        assertEquals(List.of("inv: inv at byte 0: 50001 entries, at most 50000 allowed"), out.misbehaviour);
        p.onFrame(new Frame("newfeature", new byte[] {1, 2}, null), 0);
        assertEquals(List.of(), out.delivered, "unknown commands are ignored");
        assertEquals(List.of(), out.dropped);
        p.onFrame(frame(new LocatorMessage("getheaders", 70016, Collections.nCopies(101, zero), zero)), 0);
        assertNull(out.disconnect);
        assertEquals(1, out.delivered.size(), "a 101-hash locator goes up to the sync layer");
        p.onFrame(frame(new LocatorMessage("getblocks", 70016, Collections.nCopies(102, zero), zero)), 0);
        assertEquals(new Disconnect(Disconnect.Kind.PROTOCOL_VIOLATION, "getblocks locator size 102 > 101"),
                out.disconnect);
        p.onFrame(frame(new RawMessage("block", Bytes.fromHex("00"))), 0);
        assertEquals(new RawMessage("block", Bytes.fromHex("00")), out.delivered.get(1));
        p.onFrame(new Frame("ping", new byte[2], null), 0);
        assertEquals("malformed ping: nonce at byte 0: needs 8 bytes, 2 left", out.dropped.get(0));
    }
}

package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two of our connection managers talking over loopback. */
class LoopbackPeersTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final PeerTimeouts TIMEOUTS = new PeerTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(1),
            Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofMillis(100));

    /** Collects delivered messages. */
    private static final class Inbox implements PeerListener {
        final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<Disconnect> disconnects = new LinkedBlockingQueue<>();
        volatile Peer last;

        @Override
        public void handshakeComplete(Peer peer) {
            last = peer;
        }

        @Override
        public void message(Peer peer, Message message) {
            last = peer;
            messages.add(message);
        }

        @Override
        public void disconnected(Peer peer, Disconnect reason) {
            disconnects.add(reason);
        }

        <T extends Message> T next(Class<T> type) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Message m = messages.poll(100, TimeUnit.MILLISECONDS);
                if (type.isInstance(m)) {
                    return type.cast(m);
                }
            }
            throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT);
        }
    }

    private final Inbox inboxA = new Inbox();
    private final Inbox inboxB = new Inbox();
    private final ConnectionManager a = new ConnectionManager(LocalNode.defaults(P2pNetwork.REGTEST, () -> 1),
            TIMEOUTS, 8, inboxA);
    private final ConnectionManager b = new ConnectionManager(LocalNode.defaults(P2pNetwork.REGTEST, () -> 2),
            TIMEOUTS, 8, inboxB);

    @AfterEach
    void closeWithoutLeaks() {
        a.close();
        b.close();
        assertEquals(List.of(), NetThreads.alive());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void handshakeNegotiatesEveryFeatureBothWaysAndPingsMeasureTheRoundTrip() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            InetSocketAddress listening = b.listen(LOOPBACK_ANY_PORT);
            Peer toB = a.connect(listening, ConnectionType.MANUAL);
            assertTrue(toB.awaitHandshake(WAIT));
            await(() -> b.peers().size() == 1 && b.peers().get(0).handshakeComplete(), "B's side of the handshake");
            Peer toA = b.peers().get(0);
            assertEquals(ConnectionType.INBOUND, toA.type());
            assertEquals(new PeerVersion(70016, LocalNode.defaults(P2pNetwork.REGTEST, () -> 0).services(),
                    LocalNode.USER_AGENT, 2, true), toB.version());
            assertEquals(1, toA.version().startHeight());
            PeerFeatures full = new PeerFeatures(true, true, true, 2, false, 1000);
            await(() -> full.equals(toB.features()) && full.equals(toA.features()), "features on both sides");
            await(() -> toB.lastPingTime() != null && toA.lastPingTime() != null, "a ping answered each way");
            assertTrue(toB.lastPingTime().compareTo(WAIT) < 0);
            assertEquals(0, toB.droppedMessages() + toA.droppedMessages());
        });
    }

    @Test
    void messagesPastTheHandshakeReachTheListenerAndDisconnectIsSeenByBoth() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Peer toB = a.connect(b.listen(LOOPBACK_ANY_PORT), ConnectionType.MANUAL);
            assertTrue(toB.awaitHandshake(WAIT));
            Bytes zero = Bytes.copyOf(new byte[32]);
            toB.send(new LocatorMessage("getheaders", 70016, List.of(zero), zero));
            LocatorMessage request = inboxB.next(LocatorMessage.class);
            assertEquals(List.of(zero), request.locator());
            Bytes header = Bytes.copyOf(new byte[80]);
            inboxB.last.send(new HeadersMessage(List.of(header, header)));
            assertEquals(new HeadersMessage(List.of(header, header)), inboxA.next(HeadersMessage.class));
            toB.disconnect();
            assertEquals(new Disconnect(Disconnect.Kind.LOCAL, "disconnected locally"),
                    inboxA.disconnects.poll(20, TimeUnit.SECONDS));
            assertEquals(Disconnect.Kind.PEER_CLOSED, inboxB.disconnects.poll(20, TimeUnit.SECONDS).kind());
            await(() -> a.peers().isEmpty() && b.peers().isEmpty(), "peer tables emptied");
        });
    }

    @Test
    void connectingToOurselfIsDetectedByTheVersionNonce() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Peer self = a.connect(a.listen(LOOPBACK_ANY_PORT), ConnectionType.MANUAL);
            // The inbound side sees its own outbound nonce and disconnects; the outbound side sees the close.
            assertTrue(self.awaitDisconnect(WAIT));
            assertFalse(self.handshakeComplete());
            List<Disconnect> both = List.of(inboxA.disconnects.poll(20, TimeUnit.SECONDS),
                    inboxA.disconnects.poll(20, TimeUnit.SECONDS));
            assertTrue(both.contains(new Disconnect(Disconnect.Kind.PROTOCOL_VIOLATION, "connected to self")), both.toString());
        });
    }

    @Test
    void aDiscouragedAddressIsRefusedWhenInboundSlotsRunOut() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (ConnectionManager small = new ConnectionManager(LocalNode.defaults(P2pNetwork.REGTEST, () -> 0),
                    TIMEOUTS, 2, new PeerListener() { })) {
                InetSocketAddress listening = small.listen(LOOPBACK_ANY_PORT);
                small.discouraged().add(InetAddress.getLoopbackAddress());
                Peer first = a.connect(listening, ConnectionType.MANUAL);
                assertTrue(first.awaitHandshake(WAIT), "a free slot admits even a discouraged address");
                Peer second = a.connect(listening, ConnectionType.MANUAL);
                assertTrue(second.awaitDisconnect(WAIT), "the last slot is not given to a discouraged address");
                assertNull(first.disconnectReason());
                small.discouraged().clear();
                Peer third = a.connect(listening, ConnectionType.MANUAL);
                assertTrue(third.awaitHandshake(WAIT));
                assertNotNull(third.version());
            }
        });
    }

    @Test
    void closingTwiceAndConnectingAfterCloseAreSafe() throws Exception {
        InetSocketAddress listening = b.listen(LOOPBACK_ANY_PORT);
        b.close();
        b.close();
        try {
            b.connect(listening, ConnectionType.MANUAL);
            throw new AssertionError("connect after close must fail");
        } catch (IllegalStateException e) {
            assertEquals("connection manager is closed", e.getMessage());
        }
    }
}

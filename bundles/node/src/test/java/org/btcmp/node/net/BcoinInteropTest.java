package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our P2P layer against bcoin 1.0.2, an independent full node: the handshake in both directions, ping/pong both
 * ways, and bcoin's headers for the blocks it mined, checked hash by hash.
 */
class BcoinInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Bytes REGTEST_GENESIS =
            Bytes.fromDisplayHex("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206");
    private static final PeerTimeouts TIMEOUTS = new PeerTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMillis(200));

    private static Path install;

    @TempDir
    Path temp;

    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<Peer> handshakes = new LinkedBlockingQueue<>();
    private final ConnectionManager manager = new ConnectionManager(LocalNode.defaults(P2pNetwork.REGTEST, () -> 0),
            TIMEOUTS, 8, new PeerListener() {
                @Override
                public void handshakeComplete(Peer peer) {
                    handshakes.add(peer);
                }

                @Override
                public void message(Peer peer, Message message) {
                    received.add(message);
                }
            });
    private BcoinNode bcoin;

    @BeforeAll
    static void installBcoin() {
        install = BcoinNode.install();
    }

    @BeforeEach
    void requireBcoin() {
        BcoinNode.assumeInstalled();
    }

    @AfterEach
    void stop() throws Exception {
        manager.close();
        if (bcoin != null) {
            bcoin.close();
        }
        assertEquals(List.of(), NetThreads.alive());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static Bytes hashOf(Bytes header) {
        byte[] h = header.toByteArray();
        return Bytes.wrap(Sha256d.hash(h, 0, h.length));
    }

    private static Bytes parentOf(Bytes header) {
        return Bytes.copyOf(java.util.Arrays.copyOfRange(header.toByteArray(), 4, 36));
    }

    /**
     * The next headers message of {@code count} headers whose first has the given parent: announcements of
     * blocks mined while connected may come in between.
     */
    private HeadersMessage nextHeadersAfter(Bytes parent, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Message m = received.poll(100, TimeUnit.MILLISECONDS);
            if (m instanceof HeadersMessage h && h.headers().size() == count
                    && parentOf(h.headers().get(0)).equals(parent)) {
                return h;
            }
        }
        throw new AssertionError("no headers after " + parent.toDisplayHex() + " from bcoin within " + WAIT);
    }

    /** Asks for headers from genesis and checks they chain up to the hashes bcoin reported mining. */
    private void assertHeadersMatch(Peer peer, List<String> mined) throws Exception {
        peer.send(new LocatorMessage(LocatorMessage.GETHEADERS, ProtocolLimits.PROTOCOL_VERSION,
                List.of(REGTEST_GENESIS), Bytes.copyOf(new byte[32])));
        HeadersMessage headers = nextHeadersAfter(REGTEST_GENESIS, mined.size());
        Bytes previous = REGTEST_GENESIS;
        for (int i = 0; i < mined.size(); i++) {
            Bytes header = headers.headers().get(i);
            assertEquals(previous, parentOf(header), "header " + (i + 1) + " links to its parent");
            previous = hashOf(header);
            assertEquals(mined.get(i), previous.toDisplayHex(), "header " + (i + 1));
        }
        assertEquals(bcoin.bestBlockHash(), previous.toDisplayHex());
    }

    /** We sent sendheaders, so bcoin announces a block it mines with a headers message naming it. */
    private void assertNewBlockAnnouncedByHeaders() throws Exception {
        Bytes tip = Bytes.fromDisplayHex(bcoin.bestBlockHash());
        String mined = bcoin.generate(1).get(0);
        HeadersMessage announcement = nextHeadersAfter(tip, 1);
        assertEquals(mined, hashOf(announcement.headers().get(0)).toDisplayHex());
    }

    /** bcoin answered our ping, and after its RPC ping, it records our pong. */
    private void assertPingPongBothWays(Peer peer) throws Exception {
        await(() -> peer.lastPingTime() != null, "bcoin's pong");
        bcoin.rpc("ping");
        await(() -> {
            try {
                // bcoin reports minping -1 until a pong arrives, then milliseconds / 1000: a pong on
                // loopback within the same millisecond is 0, so any non-negative value counts.
                return bcoin.rpc("getpeerinfo").matches("(?s).*\"minping\":\\s*[0-9].*");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "bcoin to record our pong");
    }

    @Test
    void weConnectToBcoin() {
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            bcoin = BcoinNode.start(install, temp.resolve("bcoin"), // bcoin must dial someone: a port where nothing listens keeps it from dialing anything real.
                    List.of("--only=127.0.0.1:" + BcoinNode.freePort()));
            List<String> mined = bcoin.generate(20);
            assertEquals(20, mined.size());
            Peer peer = manager.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), bcoin.p2pPort),
                    ConnectionType.MANUAL);
            assertTrue(peer.awaitHandshake(WAIT), () -> "no handshake: " + peer.disconnectReason());
            assertEquals("/bcoin:v1.0.2/", peer.version().userAgent());
            assertEquals(70015, peer.version().version());
            assertEquals(20, peer.version().startHeight());
            String info = bcoin.rpc("getpeerinfo");
            assertTrue(info.contains("\"subver\":\"" + LocalNode.USER_AGENT + "\""), info);
            assertTrue(info.contains("\"inbound\":true"), info);
            assertPingPongBothWays(peer);
            assertHeadersMatch(peer, mined);
            assertNewBlockAnnouncedByHeaders();
            assertEquals(0, peer.droppedMessages(), peer.lastDroppedReason());
        });
    }

    @Test
    void bcoinConnectsToUs() {
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            InetSocketAddress listening = manager.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            bcoin = BcoinNode.start(install, temp.resolve("bcoin"),
                    List.of("--only=127.0.0.1:" + listening.getPort()));
            List<String> mined = bcoin.generate(7);
            Peer peer = handshakes.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(peer != null, "bcoin did not connect: " + bcoin.output());
            assertEquals(ConnectionType.INBOUND, peer.type());
            assertEquals("/bcoin:v1.0.2/", peer.version().userAgent());
            assertPingPongBothWays(peer);
            assertHeadersMatch(peer, mined);
            assertNewBlockAnnouncedByHeaders();
            assertTrue(bcoin.rpc("getpeerinfo").contains("\"inbound\":false"));
            assertEquals(0, peer.droppedMessages(), peer.lastDroppedReason());
        });
    }
}

package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two of our nodes over BIP324 (Java to Java; bcoin 1.0.2 has no v2 transport): the handshake, then the whole
 * protocol (version, headers, blocks, pings) encrypted; a node accepting v2 still serves v1 peers.
 */
class V2TransportTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

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
    void twoNodesSyncOverAV2ConnectionAndAgreeOnTheSessionId() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (SyncNode a = new SyncNode(temp.resolve("a")); SyncNode b = new SyncNode(temp.resolve("b"))) {
                List<String> mined = b.mine(20);
                b.net.setV2Inbound(true);
                Peer toB = a.net.connect(b.listen(), ConnectionType.MANUAL, true);
                assertTrue(toB.awaitHandshake(WAIT), "version handshake over v2");
                await(() -> a.tip().equals(mined.get(19)), "A to sync B's 20 blocks over v2");
                assertEquals("v2", toB.transportProtocol());
                Peer atB = b.net.peers().get(0);
                assertEquals("v2", atB.transportProtocol());
                assertEquals(64, toB.sessionId().length());
                assertEquals(toB.sessionId(), atB.sessionId(), "both sides derive one session id");
                // A block mined now reaches A over the same connection.
                String next = b.mine(1).get(0);
                await(() -> a.tip().equals(next), "a new block over v2");
                assertTrue(toB.bytesReceivedPerMessage().containsKey("headers")
                        || toB.bytesReceivedPerMessage().containsKey("cmpctblock"));
            }
        });
    }

    @Test
    void aNodeAcceptingV2StillServesV1Peers() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (SyncNode a = new SyncNode(temp.resolve("a")); SyncNode b = new SyncNode(temp.resolve("b"))) {
                List<String> mined = b.mine(5);
                b.net.setV2Inbound(true);
                Peer toB = a.net.connect(b.listen(), ConnectionType.MANUAL);
                assertTrue(toB.awaitHandshake(WAIT));
                await(() -> a.tip().equals(mined.get(4)), "A to sync over v1");
                assertEquals("v1", toB.transportProtocol());
                assertEquals("v1", b.net.peers().get(0).transportProtocol());
                assertEquals("", toB.sessionId());
                try (RawPeer raw = new RawPeer(b.listen())) {
                    raw.handshake();
                    raw.assertAlive(3);
                }
            }
        });
    }
}

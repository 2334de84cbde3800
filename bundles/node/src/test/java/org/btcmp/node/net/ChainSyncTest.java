package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two of our nodes syncing blocks over loopback through {@link BlockSync}, in both directions. */
class ChainSyncTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aNewNodeDownloadsTheChainThenBothFollowEachOthersNewBlocks() {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            try (SyncNode a = new SyncNode(temp.resolve("a")); SyncNode b = new SyncNode(temp.resolve("b"))) {
                List<String> mined = a.mine(120);
                Peer toA = b.net.connect(a.listen(), ConnectionType.MANUAL);
                assertTrue(toA.awaitHandshake(WAIT));
                await(() -> b.chain.height() == 120, "B to download A's 120 blocks");
                assertEquals(mined.get(119), b.tip());
                assertEquals(a.chain.atHeight(60).hash(), b.chain.atHeight(60).hash());

                String announced = a.mine(1).get(0);
                await(() -> announced.equals(b.tip()), "A's new block announced to B");
                List<String> fromB = b.mine(3);
                await(() -> fromB.get(2).equals(a.tip()), "B's new blocks announced to A");
                assertEquals(124, a.chain.height());
                assertEquals(0, toA.droppedMessages(), toA.lastDroppedReason());
            }
            assertEquals(List.of(), NetThreads.alive());
        });
    }

    @Test
    void aLongerForkMinedWhileDisconnectedIsFollowedAfterReconnecting() {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            try (SyncNode a = new SyncNode(temp.resolve("a")); SyncNode b = new SyncNode(temp.resolve("b"))) {
                a.mine(10);
                java.net.InetSocketAddress listening = a.listen();
                Peer first = b.net.connect(listening, ConnectionType.MANUAL);
                await(() -> b.chain.height() == 10, "the shared 10 blocks");
                first.disconnect();
                await(() -> a.net.peers().isEmpty() && b.net.peers().isEmpty(), "both sides to drop the connection");
                String shortFork = a.mine(3).get(2);
                String longFork = b.mine(5).get(4);
                assertEquals(shortFork, a.tip());
                Peer second = b.net.connect(listening, ConnectionType.MANUAL);
                assertTrue(second.awaitHandshake(WAIT));
                await(() -> longFork.equals(a.tip()), "A to reorganize onto B's longer fork");
                assertEquals(15, a.chain.height());
                assertEquals(longFork, b.tip(), "B keeps its own fork, which has more work");
                assertTrue(b.chain.lookup(a.chain.atHeight(10).hash()) != null);
            }
            assertEquals(List.of(), NetThreads.alive());
        });
    }
}

package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallel block download: blocks come from several peers at once, and a peer that announces headers but never
 * delivers the blocks it was asked for is disconnected once it holds the download window back; the others finish.
 */
class StallingPeerTest {
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

    private static List<Bytes> headers(SyncNode node, int from, int to) {
        List<Bytes> out = new ArrayList<>();
        for (int h = from; h <= to; h++) {
            out.add(Bytes.wrap(node.chain.atHeight(h).header().toBytes()));
        }
        return out;
    }

    @Test
    void aPeerThatStallsTheWindowIsDisconnectedAndTheOthersFinishTheDownload() {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            BlockSync.Download small = new BlockSync.Download(24, Duration.ofSeconds(1), Duration.ofMinutes(10));
            try (SyncNode honest = new SyncNode(temp.resolve("honest"));
                    SyncNode ours = new SyncNode(temp.resolve("ours"), small)) {
                List<String> chain = honest.mine(100);
                // The staller: a hand-driven peer that announces the honest chain's headers and serves nothing.
                try (RawPeer staller = new RawPeer(ours.listen())) {
                    staller.handshake();
                    staller.expect(LocatorMessage.GETHEADERS);
                    staller.send(new HeadersMessage(headers(honest, 1, 100)));
                    InventoryMessage asked = (InventoryMessage) staller.expect(InventoryMessage.GETDATA);
                    assertEquals(BlockSync.MAX_BLOCKS_IN_FLIGHT_PER_PEER, asked.entries().size());
                    assertEquals(new InvVector(InvVector.MSG_BLOCK | InvVector.MSG_WITNESS_FLAG,
                            Hashes.of(honest.chain.atHeight(1).hash())), asked.entries().get(0));

                    Peer toHonest = ours.net.connect(honest.listen(), ConnectionType.MANUAL);
                    assertTrue(toHonest.awaitHandshake(WAIT));
                    assertTrue(staller.closedByRemote(), "the staller is disconnected");
                    await(() -> !ours.disconnects.isEmpty(), "the disconnect to be reported");
                    assertEquals(new Disconnect(Disconnect.Kind.TIMEOUT, "peer is stalling block download"),
                            ours.disconnects.get(0));
                    await(() -> chain.get(99).equals(ours.tip()), "the download to finish from the honest peer");
                    assertEquals(0, ours.sync.blocksInFlight());
                }
            }
            assertEquals(List.of(), NetThreads.alive());
        });
    }

    @Test
    void aLonePeerThatNeverDeliversIsDisconnectedAfterTheBlockDownloadTimeout() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            BlockSync.Download quick = new BlockSync.Download(1024, Duration.ofSeconds(2), Duration.ofSeconds(2));
            try (SyncNode honest = new SyncNode(temp.resolve("honest"));
                    SyncNode ours = new SyncNode(temp.resolve("ours"), quick)) {
                honest.mine(5);
                try (RawPeer silent = new RawPeer(ours.listen())) {
                    silent.handshake();
                    silent.expect(LocatorMessage.GETHEADERS);
                    silent.send(new HeadersMessage(headers(honest, 1, 5)));
                    silent.expect(InventoryMessage.GETDATA);
                    // The window is not what holds the download back here, so only the per-block timeout applies.
                    assertTrue(silent.closedByRemote(), "disconnected for not delivering");
                    await(() -> !ours.disconnects.isEmpty(), "the disconnect to be reported");
                    assertEquals(new Disconnect(Disconnect.Kind.TIMEOUT, "block download timeout"),
                            ours.disconnects.get(0));
                    await(() -> ours.sync.blocksInFlight() == 0, "its blocks to be free for other peers");
                }
            }
            assertEquals(List.of(), NetThreads.alive());
        });
    }

    @Test
    void twoHonestPeersBothServeBlocksOfOneDownload() {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            try (SyncNode a = new SyncNode(temp.resolve("a")); SyncNode b = new SyncNode(temp.resolve("b"));
                    SyncNode ours = new SyncNode(temp.resolve("ours"))) {
                List<String> chain = a.mine(120);
                Peer bToA = b.net.connect(a.listen(), ConnectionType.MANUAL);
                assertTrue(bToA.awaitHandshake(WAIT));
                await(() -> chain.get(119).equals(b.tip()), "B to copy A's chain");
                Peer toA = ours.net.connect(a.listen(), ConnectionType.MANUAL);
                Peer toB = ours.net.connect(b.listen(), ConnectionType.MANUAL);
                assertTrue(toA.awaitHandshake(WAIT) && toB.awaitHandshake(WAIT));
                await(() -> chain.get(119).equals(ours.tip()), "our download");
                long fromA = toA.bytesReceivedPerMessage().getOrDefault("block", 0L);
                long fromB = toB.bytesReceivedPerMessage().getOrDefault("block", 0L);
                assertTrue(fromA > 0 && fromB > 0, "blocks came from both peers: " + fromA + " and " + fromB);
            }
            assertEquals(List.of(), NetThreads.alive());
        });
    }
}

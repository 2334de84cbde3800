package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.BlockHeader;
import org.btcmp.primitives.Hash256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * -minimumchainwork as Core: a headers chain below it is not stored and its blocks are not fetched; a short one
 * is ignored, a long one is walked in presync without storing anything, then redownloaded and stored once its
 * work reaches the minimum; the node stays in initial block download below it.
 */
class MinimumChainWorkTest {
    @TempDir
    Path temp;

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** A raw peer serving a chain's headers from wherever the asker's locator says it is; getdata is recorded. */
    private static final class HeaderServer implements AutoCloseable {
        final List<Integer> getheadersFrom = new CopyOnWriteArrayList<>();
        final List<Integer> heldAtGetheaders = new CopyOnWriteArrayList<>();
        final List<InvVector> getdata = new CopyOnWriteArrayList<>();
        private final RawPeer peer;
        private final Thread thread;

        HeaderServer(SyncNode ours, List<Block> blocks) throws Exception {
            Map<Hash256, Integer> heightOf = new HashMap<>();
            for (int i = 0; i < blocks.size(); i++) {
                heightOf.put(blocks.get(i).hash(), i + 1);
            }
            peer = new RawPeer(ours.listen());
            peer.handshake();
            thread = new Thread(() -> {
                try {
                    Frame f;
                    while ((f = peer.read()) != null) {
                        Message m = MessageCodec.decode(f.command(), f.payload());
                        if (m instanceof PingMessage ping) {
                            peer.send(new PongMessage(ping.nonce()));
                        } else if (m instanceof LocatorMessage l && l.command().equals(LocatorMessage.GETHEADERS)) {
                            int from = 0;
                            for (Bytes h : l.locator()) {
                                Integer height = heightOf.get(Hashes.of(h));
                                if (height != null) {
                                    from = height;
                                    break;
                                }
                            }
                            heldAtGetheaders.add(ours.sync.headersHeld());
                            getheadersFrom.add(from);
                            List<Bytes> answer = new ArrayList<>();
                            for (int i = from; i < Math.min(blocks.size(), from + ProtocolLimits.MAX_HEADERS); i++) {
                                answer.add(Bytes.wrap(blocks.get(i).header().toBytes()));
                            }
                            peer.send(new HeadersMessage(answer));
                        } else if (m instanceof InventoryMessage inv && inv.command().equals("getdata")) {
                            getdata.addAll(inv.entries());
                        }
                    }
                } catch (Exception e) {
                    // the connection closed at the end of the test
                }
            }, "test-header-server");
            thread.start();
        }

        @Override
        public void close() throws Exception {
            peer.close();
            thread.join(10_000);
        }
    }

    /** The chain work of a regtest chain of this height (2 per block, the genesis block included). */
    private static BigInteger workAt(SyncNode ours, int height) {
        BigInteger perBlock = BlockHeader.workFromBits(0x207fffffL);
        return ours.chain.atHeight(0).chainWork().add(perBlock.multiply(BigInteger.valueOf(height)));
    }

    @Test
    void aShortLowWorkChainIsIgnoredAndNoneOfItsBlocksFetched() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            List<Block> blocks = HeaderWindowTest.chain(30);
            try (SyncNode ours = new SyncNode(temp.resolve("ours"))) {
                ours.chain.setMinimumChainWork(workAt(ours, 50));
                try (HeaderServer server = new HeaderServer(ours, blocks)) {
                    await(() -> server.getheadersFrom.size() == 1, "our getheaders");
                    Thread.sleep(1000);
                    assertEquals(List.of(0), server.getheadersFrom, "30 headers are all the peer has: no presync");
                    assertEquals(0, ours.sync.headersHeld(), "a low-work chain is not stored");
                    assertEquals(List.of(), server.getdata);
                    assertTrue(ours.chain.isInitialBlockDownload());
                }
            }
        });
    }

    @Test
    void aLongLowWorkChainIsPresyncedWithoutStoringThenRedownloadedAndItsBlocksFetched() {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            List<Block> blocks = HeaderWindowTest.chain(2100);
            try (SyncNode ours = new SyncNode(temp.resolve("ours"))) {
                ours.chain.setMinimumChainWork(workAt(ours, 2050));
                try (HeaderServer server = new HeaderServer(ours, blocks)) {
                    await(() -> !server.getdata.isEmpty(), "blocks to be fetched after the redownload");
                    assertEquals(List.of(0, 2000, 0, 2000), server.getheadersFrom.subList(0, 4),
                            "presync to 2100, then the redownload from our tip");
                    assertEquals(List.of(0, 0, 0), server.heldAtGetheaders.subList(0, 3),
                            "nothing stored during presync");
                    assertEquals(Hashes.of(blocks.get(0).hash()), server.getdata.get(0).hash());
                    await(() -> ours.sync.headersHeld() == 2100, "the redownloaded headers stored");
                }
            }
        });
    }

    @Test
    void aLongChainThatNeverReachesTheMinimumIsWalkedAndDropped() {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            List<Block> blocks = HeaderWindowTest.chain(2100);
            try (SyncNode ours = new SyncNode(temp.resolve("ours"))) {
                ours.chain.setMinimumChainWork(workAt(ours, 2200));
                try (HeaderServer server = new HeaderServer(ours, blocks)) {
                    await(() -> server.getheadersFrom.size() == 2, "the presync's second getheaders");
                    Thread.sleep(1000);
                    assertEquals(List.of(0, 2000), server.getheadersFrom);
                    assertEquals(0, ours.sync.headersHeld());
                    assertEquals(List.of(), server.getdata);
                }
            }
        });
    }

    @Test
    void initialBlockDownloadLastsWhileTheTipIsBelowTheMinimumThenEndsForGood() {
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            try (SyncNode ours = new SyncNode(temp.resolve("ours"))) {
                assertTrue(ours.chain.isInitialBlockDownload(), "the genesis block is old");
                ours.chain.setMinimumChainWork(workAt(ours, 3));
                ours.mine(2);
                assertTrue(ours.chain.isInitialBlockDownload(), "a fresh tip below the minimum work");
                ours.mine(1);
                assertFalse(ours.chain.isInitialBlockDownload(), "a fresh tip with the minimum work");
                ours.chain.setMinimumChainWork(workAt(ours, 100));
                assertFalse(ours.chain.isInitialBlockDownload(), "latched, as Core's");
            }
        });
    }
}

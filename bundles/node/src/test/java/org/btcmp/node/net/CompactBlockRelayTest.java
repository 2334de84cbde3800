package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.btcmp.node.chain.TestKey;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two of our nodes relaying new blocks by BIP152 compact block: first low bandwidth (headers, getdata for a
 * compact block, getblocktxn for the transaction the receiver lacked), then high bandwidth (cmpctblock at once).
 */
class CompactBlockRelayTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TestKey KEY = new TestKey("compact");

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

    private static Transaction spendCoinbase(SyncNode node, int height) throws Exception {
        Block b = node.chain.readBlock(node.chain.atHeight(height));
        long value = b.transactions().get(0).outputs().get(0).value();
        return KEY.spend(new OutPoint(b.transactions().get(0).txid(), 0), value, value - 10_000, KEY.script);
    }

    @Test
    void newBlocksTravelAsCompactBlocksRebuiltFromTheMempool() {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            try (SyncNode a = new SyncNode(temp.resolve("a")); SyncNode b = new SyncNode(temp.resolve("b"))) {
                for (int i = 0; i < 103; i++) {
                    a.miner.generate(KEY.script, List.of());
                }
                Peer toA = b.net.connect(a.listen(), ConnectionType.MANUAL);
                assertTrue(toA.awaitHandshake(WAIT));
                await(() -> b.chain.height() == 103, "B to sync");
                long wholeBlocks = toA.bytesReceivedPerMessage().getOrDefault("block", 0L);

                Transaction shared = spendCoinbase(a, 1);
                a.mempool.accept(shared, false);
                await(() -> b.mempool.contains(shared.txid()), "the shared transaction at B");
                Transaction unseen = spendCoinbase(a, 2); // only ever in A's block
                String first = a.miner.generate(SyncNode.PAYOUT, List.of(shared, unseen)).toString();
                await(() -> first.equals(b.tip()), "the first new block at B");
                assertTrue(toA.bytesSentPerMessage().containsKey("getblocktxn"), "B asked for the unseen transaction");
                assertTrue(toA.bytesReceivedPerMessage().containsKey("blocktxn"));
                assertTrue(toA.bytesReceivedPerMessage().containsKey("cmpctblock"));
                assertEquals(wholeBlocks, toA.bytesReceivedPerMessage().getOrDefault("block", 0L),
                        "no whole block: " + toA.bytesReceivedPerMessage());

                // B asked A for high bandwidth mode: the next block comes as a cmpctblock before any announcement.
                Peer fromB = a.net.peers().get(0);
                await(() -> fromB.features().compactHighBandwidth(), "A to see B's request for high bandwidth");
                long compactBefore = toA.bytesReceivedPerMessage().get("cmpctblock");
                Transaction third = spendCoinbase(a, 3);
                a.mempool.accept(third, false);
                await(() -> b.mempool.contains(third.txid()), "the third transaction at B");
                long getdataBefore = toA.bytesSentPerMessage().getOrDefault("getdata", 0L);
                String second = a.miner.generate(SyncNode.PAYOUT, null).toString();
                await(() -> second.equals(b.tip()), "the second new block at B");
                assertTrue(toA.bytesReceivedPerMessage().get("cmpctblock") > compactBefore);
                assertEquals(getdataBefore, toA.bytesSentPerMessage().getOrDefault("getdata", 0L),
                        "nothing had to be asked for");
                assertEquals(wholeBlocks, toA.bytesReceivedPerMessage().getOrDefault("block", 0L));
                assertFalse(b.mempool.contains(third.txid()), "mined");
            }
            assertEquals(List.of(), NetThreads.alive());
        });
    }
}

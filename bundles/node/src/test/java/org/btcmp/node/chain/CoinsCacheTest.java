package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxOut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UTXO set lives in the database behind a bounded cache: a chain state whose budget holds only
 * a handful of coins must validate, reorg and reload exactly as one that holds them all.
 */
class CoinsCacheTest {
    /** Room for about eight coins beside the minimal SQLite page cache. */
    private static final long TINY = 2_000;

    @TempDir
    Path dir;

    @Test
    void tinyCacheValidatesReorgsAndReloadsLikeALargeOne() throws Exception {
        AtomicLong clock = new AtomicLong(1_700_000_000L);
        List<Block> blocks = new ArrayList<>();
        List<OutPoint> created = new ArrayList<>();
        try (TestChain big = new TestChain(dir.resolve("big"), clock);
                TestChain tiny = new TestChain(dir.resolve("tiny"), new AtomicLong(clock.get()), TINY)) {
            big.mine(101);
            for (int h = 1; h <= 101; h++) {
                blocks.add(big.chain.readBlock(big.chain.atHeight(h)));
            }
            for (int round = 0; round < 20; round++) {
                int h = big.chain.height();
                OutPoint cb = big.coinbaseAt(h - 100);
                long value = big.coinbaseValue(h - 100);
                List<TxOut> outs = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    outs.add(new TxOut(value / 5 - 1_000, big.key.script));
                }
                Transaction fan = big.key.spend(List.of(cb), List.of(value), outs);
                List<Transaction> body = new ArrayList<>(List.of(fan));
                if (!created.isEmpty()) {
                    OutPoint old = created.remove(0);
                    body.add(big.key.spend(old, value / 5 - 1_000, value / 5 - 3_000, big.key.script));
                }
                Block b = big.blockOn(big.chain.tip(), body);
                big.chain.processBlock(b);
                assertEquals(b.hash(), big.chain.tip().hash(), big.chain.failureReason(b.hash()));
                blocks.add(b);
                for (int i = 0; i < 5; i++) {
                    created.add(new OutPoint(fan.txid(), i));
                }
            }
            for (Block b : blocks) {
                tiny.chain.processBlock(b);
            }
            assertEquals(big.chain.tip().hash(), tiny.chain.tip().hash(), "every block connects through the DB");
            Map<OutPoint, Coin> expected = big.chain.utxoSnapshot();
            assertEquals(expected, tiny.chain.utxoSnapshot());
            assertBounded(tiny.chain);
            for (Map.Entry<OutPoint, Coin> e : expected.entrySet()) {
                assertEquals(e.getValue(), tiny.chain.coin(e.getKey()), "lookup of " + e.getKey());
            }
            assertBounded(tiny.chain);
            assertTrue(expected.size() > 8 * 4, "far more coins than the cache holds");

            // Reorg: both leave the last 5 blocks; spent coins come back from undo data, not from memory.
            Block fifthFromTip = blocks.get(blocks.size() - 5);
            big.chain.invalidateBlock(fifthFromTip.hash());
            tiny.chain.invalidateBlock(fifthFromTip.hash());
            assertEquals(big.chain.utxoSnapshot(), tiny.chain.utxoSnapshot());
            OutPoint respent = new OutPoint(blocks.get(blocks.size() - 1).transactions().get(2).inputs().get(0)
                    .prevout().txid(), blocks.get(blocks.size() - 1).transactions().get(2).inputs().get(0)
                    .prevout().index());
            assertNotNull(tiny.chain.coin(respent), "a coin spent in a disconnected block is unspent again");
            assertNull(tiny.chain.coin(new OutPoint(blocks.get(blocks.size() - 1).transactions().get(1).txid(), 0)),
                    "coins of disconnected blocks are gone");
            tiny.chain.reconsiderBlock(fifthFromTip.hash());
            big.chain.reconsiderBlock(fifthFromTip.hash());
            assertEquals(expected, tiny.chain.utxoSnapshot());
            assertBounded(tiny.chain);
        }
        try (TestChain reopened = new TestChain(dir.resolve("tiny"), clock, TINY)) {
            assertEquals(blocks.get(blocks.size() - 1).hash(), reopened.chain.tip().hash());
            assertEquals(0, reopened.chain.coinsCacheUsage()[0], "startup loads no coins into memory");
            try (TestChain big = new TestChain(dir.resolve("big"), clock)) {
                assertEquals(big.chain.utxoSnapshot(), reopened.chain.utxoSnapshot());
            }
        }
    }

    @Test
    void aTransactionWhoseOutputsAreStillUnspentCannotBeMinedAgain() throws Exception {
        try (TestChain t = new TestChain(dir.resolve("bip30"), new AtomicLong(1_700_000_000L), TINY)) {
            t.mine(101);
            long value = t.coinbaseValue(1);
            Transaction tx = t.key.spend(t.coinbaseAt(1), value, value - 1_000, t.key.script);
            t.miner.generate(t.key.script, List.of(tx));
            t.mine(20);
            assertTrue(t.chain.coinsCacheUsage()[0] < 10, "the coin was pushed out of memory");
            Block again = t.blockOn(t.chain.tip(), List.of(tx));
            t.chain.processBlock(again);
            assertTrue(t.chain.isInvalid(again.hash()));
            assertEquals("bad-txns-BIP30", t.chain.failureReason(again.hash()), "checked before its spent input");
        }
    }

    private static void assertBounded(ChainState chain) {
        long[] usage = chain.coinsCacheUsage();
        assertTrue(usage[1] <= TINY, "cache holds " + usage[1] + " bytes, budget " + TINY);
        assertTrue(usage[0] > 0, "the cache is in use");
    }
}

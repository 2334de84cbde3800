package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainStateTest {
    @TempDir
    Path dir;

    @Test
    void freshChainStartsAtGenesisAndLaysOutCoreDirectories() throws Exception {
        try (TestChain t = new TestChain(dir)) {
            assertEquals(0, t.chain.height());
            assertEquals(TestChain.REGTEST.genesisHash(), t.chain.tip().hash());
            assertTrue(t.chain.utxoSnapshot().isEmpty(), "the genesis coinbase is not spendable");
        }
        assertTrue(Files.exists(dir.resolve("blocks/blk00000.dat")));
        assertTrue(Files.exists(dir.resolve("blocks/index.sqlite")));
        assertTrue(Files.exists(dir.resolve("chainstate/chainstate.sqlite")));
    }

    @Test
    void minedCoinbaseMaturesAfter100BlocksAndSpendsThroughTheMempool() throws Exception {
        try (TestChain t = new TestChain(dir)) {
            t.mine(101);
            assertEquals(101, t.chain.height());
            OutPoint cb = t.coinbaseAt(1);
            long value = t.coinbaseValue(1);
            assertEquals(50_00000000L, value);
            Transaction tx = t.key.spend(cb, value, value - 10_000, new TestKey("bob").script);
            Mempool.Entry e = t.mempool.accept(tx, false);
            assertEquals(10_000, e.fee());
            assertTrue(t.mempool.contains(tx.txid()));
            Hash256 h = t.mine(1).get(0);
            Block b = t.chain.readBlock(t.chain.lookup(h));
            assertEquals(tx.txid(), b.transactions().get(1).txid());
            assertEquals(value + 10_000 - 0, b.transactions().get(0).outputs().get(0).value() + 0,
                    "coinbase collects subsidy plus fee");
            assertFalse(t.mempool.contains(tx.txid()), "mined transactions leave the mempool");
            assertNull(t.chain.coin(cb));
            assertNotNull(t.chain.coin(new OutPoint(tx.txid(), 0)));
        }
    }

    @Test
    void reloadKeepsTipAndUtxoSet() throws Exception {
        TestChain t = new TestChain(dir);
        t.mine(120);
        Map<OutPoint, Coin> before = t.chain.utxoSnapshot();
        Hash256 tip = t.chain.tip().hash();
        t = t.reopen();
        try {
            assertEquals(tip, t.chain.tip().hash());
            assertEquals(120, t.chain.height());
            assertEquals(before, t.chain.utxoSnapshot());
        } finally {
            t.close();
        }
    }

    @Test
    void reorgsToMostWorkAndRestoresSpentCoins() throws Exception {
        try (TestChain t = new TestChain(dir)) {
            t.mine(101);
            OutPoint cb = t.coinbaseAt(1);
            long value = t.coinbaseValue(1);
            Transaction tx = t.key.spend(cb, value, value - 1000, t.key.script);
            t.mempool.accept(tx, false);
            BlockIndex fork = t.chain.tip();
            Map<OutPoint, Coin> atFork = t.chain.utxoSnapshot();
            t.mine(1);
            assertNull(t.chain.coin(cb));
            // A competing branch of two blocks from the fork point, without the spend.
            Block a = t.blockOn(fork, List.of());
            assertEquals(ChainState.Outcome.INCONCLUSIVE, t.chain.processBlock(a), "equal work: first seen stays");
            assertEquals(102, t.chain.height());
            Block b = t.blockOn(t.chain.lookup(a.hash()), List.of());
            t.chain.processBlock(b);
            assertEquals(b.hash(), t.chain.tip().hash());
            assertEquals(103, t.chain.height());
            assertNotNull(t.chain.coin(cb), "the spent coin is back after the reorg");
            assertTrue(t.mempool.contains(tx.txid()), "the disconnected transaction returns to the mempool");
            Map<OutPoint, Coin> now = t.chain.utxoSnapshot();
            for (OutPoint o : atFork.keySet()) {
                assertEquals(atFork.get(o), now.get(o));
            }
            assertEquals(atFork.size() + 2, now.size(), "plus the two new coinbases");
        }
    }

    @Test
    void invalidateAndReconsiderMoveTheTip() throws Exception {
        try (TestChain t = new TestChain(dir)) {
            List<Hash256> blocks = t.mine(10);
            Hash256 fifth = blocks.get(4);
            t.chain.invalidateBlock(fifth);
            assertEquals(4, t.chain.height());
            assertTrue(t.chain.isInvalid(fifth));
            assertTrue(t.chain.isInvalid(blocks.get(9)), "descendants are invalid too");
            t.mine(2);
            assertEquals(6, t.chain.height());
            t.chain.reconsiderBlock(fifth);
            assertEquals(10, t.chain.height(), "the longer chain wins again");
            assertEquals(blocks.get(9), t.chain.tip().hash());
            assertFalse(t.chain.isInvalid(fifth));
        }
    }

    @Test
    void invalidationSurvivesRestart() throws Exception {
        TestChain t = new TestChain(dir);
        List<Hash256> blocks = t.mine(5);
        t.chain.invalidateBlock(blocks.get(2));
        t = t.reopen();
        try {
            assertEquals(2, t.chain.height());
            assertTrue(t.chain.isInvalid(blocks.get(4)));
        } finally {
            t.close();
        }
    }

    @Test
    void duplicateAndOrphanBlocksAreReported() throws Exception {
        try (TestChain t = new TestChain(dir)) {
            Hash256 h = t.mine(1).get(0);
            Block b = t.chain.readBlock(t.chain.lookup(h));
            assertEquals(ChainState.Outcome.DUPLICATE, t.chain.processBlock(b));
            Block orphan = new Block(b.header().withNonce(b.header().nonce()), b.transactions());
            Block other = t.blockOn(t.chain.tip(), List.of());
            Block child = new Block(new org.btcmp.primitives.BlockHeader(other.header().version(), other.hash(),
                    other.header().merkleRoot(), other.header().time() + 1, other.header().bits(), 0),
                    other.transactions());
            ValidationException e = org.junit.jupiter.api.Assertions.assertThrows(ValidationException.class,
                    () -> t.chain.processBlock(Miner.solve(child)));
            assertEquals("prev-blk-not-found", e.reason());
            assertEquals(orphan.hash(), b.hash());
        }
    }
}

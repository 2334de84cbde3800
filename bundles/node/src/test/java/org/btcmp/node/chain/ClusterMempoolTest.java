package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxOut;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core v31's cluster mempool where it differs from ancestor and descendant scores: templates
 * take chunks, eviction drops the worst chunk, and a replacement must improve the feerate
 * diagram (no longer out-pay each direct conflict's own feerate).
 */
class ClusterMempoolTest {
    TestChain t;

    @BeforeEach
    void chain(@TempDir Path dir) throws Exception {
        t = new TestChain(dir);
        t.mine(105);
    }

    @AfterEach
    void close() throws Exception {
        t.close();
    }

    /** Spends coinbase {@code height} into {@code outputs} equal outputs to the test key, paying {@code fee}. */
    private Transaction split(int height, int outputs, long fee) throws Exception {
        long v = t.coinbaseValue(height);
        return t.key.spend(List.of(t.coinbaseAt(height)), List.of(v),
                new ArrayList<>(Collections.nCopies(outputs, new TxOut((v - fee) / outputs, t.key.script))));
    }

    private Transaction spend(List<Transaction> parents, int outputs, long fee) {
        List<OutPoint> ins = new ArrayList<>();
        List<Long> amounts = new ArrayList<>();
        long in = 0;
        for (Transaction p : parents) {
            ins.add(new OutPoint(p.txid(), 0));
            amounts.add(p.outputs().get(0).value());
            in += p.outputs().get(0).value();
        }
        return t.key.spend(ins, amounts, new ArrayList<>(Collections.nCopies(outputs,
                new TxOut((in - fee) / outputs, t.key.script))));
    }

    private Transaction spendOutput(Transaction parent, int index, long fee) {
        long in = parent.outputs().get(index).value();
        return t.key.spend(new OutPoint(parent.txid(), index), in, in - fee, t.key.script);
    }

    @Test
    void templatesTakeAParentWithAllItsPayingChildrenAsOneChunk() throws Exception {
        Transaction parent = split(1, 2, 20);
        Transaction c1 = spendOutput(parent, 0, 300);
        Transaction c2 = spendOutput(parent, 1, 300);
        Transaction medium = split(2, 1, 165);
        for (Transaction tx : List.of(parent, c1, c2, medium)) {
            t.mempool.accept(tx, false);
        }
        long withOne = parent.vsize() + c1.vsize();
        long withBoth = withOne + c2.vsize();
        assertTrue(320.0 / withOne < 165.0 / medium.vsize() && 620.0 / withBoth > 165.0 / medium.vsize(),
                "ancestor scores put the medium payer first; the chunk of all three beats it");
        List<Hash256> order = t.mempool.blockCandidates().stream().map(e -> e.tx().txid()).toList();
        assertEquals(parent.txid(), order.get(0));
        assertEquals(java.util.Set.of(c1.txid(), c2.txid()), java.util.Set.copyOf(order.subList(1, 3)));
        assertEquals(medium.txid(), order.get(3));
        Hash256 mined = t.miner.generate(t.key.script, null);
        List<Transaction> txs = t.chain.readBlock(t.chain.lookup(mined)).transactions();
        assertEquals(order, txs.subList(1, txs.size()).stream().map(Transaction::txid).toList());
    }

    @Test
    void evictionDropsTheWorstChunkNotTheLowestDescendantScore() throws Exception {
        Transaction p1 = split(1, 1, 100);
        Transaction p2 = split(2, 1, 100);
        Transaction child = spend(List.of(p1, p2), 1, 1000);
        Transaction medium = split(3, 1, 385);
        long usage = 0;
        for (Transaction tx : List.of(p1, p2, child, medium)) {
            usage += Mempool.ENTRY_OVERHEAD + 2L * tx.totalSize();
        }
        double chunkRate = 1200.0 / (p1.vsize() + p2.vsize() + child.vsize());
        double mediumRate = 385.0 / medium.vsize();
        double p1Score = 1100.0 / (p1.vsize() + child.vsize());
        assertTrue(chunkRate < mediumRate && mediumRate < p1Score,
                "descendant scores would evict the medium payer; the chunk of three is worse");
        Mempool small = new Mempool(t.chain, usage - 1, Mempool.DEFAULT_EXPIRY_SECONDS);
        for (Transaction tx : List.of(p1, p2, child, medium)) {
            small.accept(tx, false);
        }
        assertEquals(List.of(medium.txid()), small.entries().stream().map(e -> e.tx().txid()).toList());
        long expected = 1200L * 1000 / (p1.vsize() + p2.vsize() + child.vsize()) + Mempool.INCREMENTAL_RELAY_FEE_PER_KVB;
        assertEquals(expected, small.minFeePerKvB(), "the minimum fee rises above the evicted chunk's rate");
    }

    @Test
    void aReplacementBelowTheConflictsOwnRateIsAcceptedWhenTheDiagramImproves() throws Exception {
        Transaction parent = split(1, 2, 100);
        Transaction original = spendOutput(parent, 0, 20_000);
        t.mempool.accept(parent, false);
        t.mempool.accept(original, false);
        long in = parent.outputs().get(0).value();
        Transaction draft = t.key.spend(List.of(new OutPoint(parent.txid(), 0)), List.of(in),
                List.of(new TxOut(in / 2, t.key.script), new TxOut(in / 2 - 1, t.key.script)));
        long fee = 20_000L * draft.vsize() / original.vsize() - 1;
        Transaction replacement = t.key.spend(List.of(new OutPoint(parent.txid(), 0)), List.of(in),
                List.of(new TxOut(in / 2, t.key.script), new TxOut(in - in / 2 - fee, t.key.script)));
        assertEquals(draft.vsize(), replacement.vsize());
        assertTrue(fee * original.vsize() < 20_000L * replacement.vsize(), "a lower feerate than the original's");
        t.mempool.accept(replacement, false);
        assertTrue(t.mempool.contains(replacement.txid()));
        assertFalse(t.mempool.contains(original.txid()));
    }

    @Test
    void aReplacementOutPayingTheDirectConflictFailsWhenItWorsensTheDiagram() throws Exception {
        Transaction original = split(1, 1, 1000);
        Transaction child = spendOutput(original, 0, 20_000);
        t.mempool.accept(original, false);
        t.mempool.accept(child, false);
        Transaction wide = split(1, 10, 21_100);
        assertTrue(21_100.0 / wide.vsize() > 1000.0 / original.vsize(), "out-pays the direct conflict's own rate");
        ValidationException e = assertThrows(ValidationException.class, () -> t.mempool.accept(wide, false));
        assertEquals("replacement-failed", e.reason());
        assertEquals("replacement-failed, insufficient feerate: does not improve feerate diagram", e.getMessage());
        assertTrue(t.mempool.contains(child.txid()));
        long enough = 21_000L * wide.vsize() / (original.vsize() + child.vsize()) + 100;
        Transaction better = split(1, 10, enough);
        t.mempool.accept(better, false);
        assertEquals(List.of(better.txid()), t.mempool.entries().stream().map(x -> x.tx().txid()).toList());
    }

    @Test
    void feeRulesThreeAndFourSayByHowMuch() throws Exception {
        Transaction original = split(1, 1, 20_000);
        t.mempool.accept(original, false);
        Transaction cheaper = split(1, 2, 10_000);
        ValidationException less = assertThrows(ValidationException.class, () -> t.mempool.accept(cheaper, false));
        assertEquals("insufficient fee, rejecting replacement " + cheaper.txid()
                + ", less fees than conflicting txs; 0.0001 < 0.0002", less.getMessage());
        Transaction same = split(1, 2, 20_000);
        ValidationException relay = assertThrows(ValidationException.class, () -> t.mempool.accept(same, false));
        assertEquals("insufficient fee, rejecting replacement " + same.txid()
                + ", not enough additional fees to relay; 0.00 < " + Mempool.money(same.vsize() / 10), relay.getMessage());
        assertEquals("0.00", Mempool.money(0));
        assertEquals("12.3456789", Mempool.money(1_234_567_890));
    }

    @Test
    void aReplacementMayConflictWithAtMostOneHundredClusters() throws Exception {
        Transaction fanout = split(1, 101, 20_000);
        t.miner.generate(t.key.script, List.of(fanout));
        List<OutPoint> outs = new ArrayList<>();
        List<Long> amounts = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            t.mempool.accept(spendOutput(fanout, i, 200), false);
            outs.add(new OutPoint(fanout.txid(), i));
            amounts.add(fanout.outputs().get(i).value());
        }
        long total = amounts.stream().mapToLong(Long::longValue).sum();
        Transaction all = t.key.spend(outs, amounts, List.of(new TxOut(total - 1_000_000, t.key.script)));
        ValidationException e = assertThrows(ValidationException.class, () -> t.mempool.accept(all, false));
        assertEquals("too many potential replacements, rejecting replacement " + all.txid()
                + "; too many conflicting clusters (101 > 100)", e.getMessage());
        assertEquals(101, t.mempool.size());
        Transaction hundred = t.key.spend(outs.subList(0, 100), amounts.subList(0, 100),
                List.of(new TxOut(total - amounts.get(100) - 1_000_000, t.key.script)));
        t.mempool.accept(hundred, false);
        assertEquals(2, t.mempool.size());
    }
}

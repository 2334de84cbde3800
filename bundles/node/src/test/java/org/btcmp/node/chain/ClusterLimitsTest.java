package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxOut;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core v31's cluster limits in place of the old 25 ancestor/descendant limits: at most 64
 * connected transactions and 404 000 sigop-adjusted weight units per cluster ("too-large-cluster"),
 * counted without what a replacement evicts.
 */
class ClusterLimitsTest {
    @TempDir
    Path dir;
    TestChain t;

    @BeforeEach
    void chain() throws Exception {
        t = new TestChain(dir);
        t.mine(110);
    }

    @AfterEach
    void close() throws Exception {
        t.close();
    }

    private String reject(Transaction tx) {
        ValidationException e = assertThrows(ValidationException.class, () -> t.mempool.accept(tx, false));
        return e.getMessage();
    }

    /** Accepts a chain of {@code n} one-output spends starting at {@code from}; returns the last. */
    private Transaction chain(OutPoint from, long value, int n) throws Exception {
        Transaction tx = null;
        OutPoint prev = from;
        for (int i = 0; i < n; i++) {
            tx = t.key.spend(prev, value, value - 1_000, t.key.script);
            t.mempool.accept(tx, false);
            prev = new OutPoint(tx.txid(), 0);
            value -= 1_000;
        }
        return tx;
    }

    @Test
    void aChainOf64IsAcceptedAndThe65thRefused() throws Exception {
        long value = t.coinbaseValue(1);
        Transaction last = chain(t.coinbaseAt(1), value, 64);
        assertEquals(64, t.mempool.size(), "far past the old limit of 25 ancestors");
        long left = value - 64 * 1_000;
        Transaction next = t.key.spend(new OutPoint(last.txid(), 0), left, left - 1_000, t.key.script);
        assertEquals("too-large-cluster", reject(next));
        assertEquals(64, t.mempool.size());

        // Replacing the last link evicts it, so its replacement joins a cluster of 63.
        Transaction replacement = t.key.spend(new OutPoint(t.mempool.entries().get(62).tx().txid(), 0),
                left + 1_000, left - 5_000, t.key.script);
        t.mempool.accept(replacement, false);
        assertTrue(t.mempool.contains(replacement.txid()));
        assertFalse(t.mempool.contains(last.txid()));
        assertEquals("too-large-cluster", reject(t.key.spend(new OutPoint(replacement.txid(), 0), left - 5_000,
                left - 6_000, t.key.script)), "the cluster is full again");
        t.mine(1);
        assertEquals(0, t.mempool.size(), "mined: the cluster is gone");
        t.mempool.accept(t.key.spend(new OutPoint(replacement.txid(), 0), left - 5_000, left - 6_000, t.key.script),
                false);
    }

    @Test
    void clustersJoinedByOneTransactionCountTogether() throws Exception {
        long v1 = t.coinbaseValue(1);
        long v2 = t.coinbaseValue(2);
        Transaction a = chain(t.coinbaseAt(1), v1, 40);
        Transaction b = chain(t.coinbaseAt(2), v2, 24);
        long va = v1 - 40_000;
        long vb = v2 - 24_000;
        List<OutPoint> ins = List.of(new OutPoint(a.txid(), 0), new OutPoint(b.txid(), 0));
        Transaction join = t.key.spend(ins, List.of(va, vb), List.of(new TxOut(va + vb - 2_000, t.key.script)));
        assertEquals("too-large-cluster", reject(join), "40 + 24 + 1 = 65");

        Transaction shorter = chain(t.coinbaseAt(3), t.coinbaseValue(3), 23);
        long vs = t.coinbaseValue(3) - 23_000;
        Transaction join2 = t.key.spend(List.of(new OutPoint(a.txid(), 0), new OutPoint(shorter.txid(), 0)),
                List.of(va, vs), List.of(new TxOut(va + vs - 2_000, t.key.script)));
        t.mempool.accept(join2, false);
        assertTrue(t.mempool.contains(join2.txid()), "40 + 23 + 1 = 64");
    }

    @Test
    void manyChildrenOfOneParentAreOneCluster() throws Exception {
        long value = t.coinbaseValue(1);
        List<TxOut> outs = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            outs.add(new TxOut(1_000_000, t.key.script));
        }
        outs.add(new TxOut(value - 70 * 1_000_000 - 10_000, t.key.script));
        Transaction parent = t.key.spend(List.of(t.coinbaseAt(1)), List.of(value), outs);
        t.mempool.accept(parent, false);
        for (int i = 0; i < 63; i++) {
            t.mempool.accept(t.key.spend(new OutPoint(parent.txid(), i), 1_000_000, 999_000, t.key.script), false);
        }
        assertEquals("too-large-cluster",
                reject(t.key.spend(new OutPoint(parent.txid(), 63), 1_000_000, 999_000, t.key.script)));
    }

    @Test
    void clusterWeightIsLimitedTo404000() throws Exception {
        Transaction parent = wide(t.coinbaseAt(1), t.coinbaseValue(1), 1_650);
        t.mempool.accept(parent, false);
        assertTrue(parent.weight() > 200_000, "weight " + parent.weight());
        long change = parent.outputs().get(1_650).value();
        OutPoint first = new OutPoint(parent.txid(), 1_650);
        Transaction heavy = wide(first, change, 1_650);
        assertTrue(parent.weight() + heavy.weight() > Mempool.CLUSTER_WEIGHT_LIMIT);
        assertEquals("too-large-cluster", reject(heavy));
        Transaction lighter = wide(first, change, 1_550);
        assertTrue(parent.weight() + lighter.weight() <= Mempool.CLUSTER_WEIGHT_LIMIT);
        t.mempool.accept(lighter, false);
        assertTrue(t.mempool.contains(lighter.txid()));
    }

    @Test
    void smallerLimitsFromTheOptionsApply() throws Exception {
        Mempool small = new Mempool(t.chain, Mempool.DEFAULT_MAX_BYTES, Mempool.DEFAULT_EXPIRY_SECONDS, false, 3, 60);
        long value = t.coinbaseValue(1);
        OutPoint prev = t.coinbaseAt(1);
        for (int i = 0; i < 3; i++) {
            Transaction tx = t.key.spend(prev, value, value - 1_000, t.key.script);
            small.accept(tx, false);
            prev = new OutPoint(tx.txid(), 0);
            value -= 1_000;
        }
        Transaction fourth = t.key.spend(prev, value, value - 1_000, t.key.script);
        assertEquals("too-large-cluster",
                assertThrows(ValidationException.class, () -> small.accept(fourth, false)).getMessage());
        Mempool narrow = new Mempool(t.chain, Mempool.DEFAULT_MAX_BYTES, Mempool.DEFAULT_EXPIRY_SECONDS, false, 64, 60);
        Transaction parent = wide(t.coinbaseAt(2), t.coinbaseValue(2), 1_000);
        narrow.accept(parent, false);
        Transaction child = wide(new OutPoint(parent.txid(), 1_000), parent.outputs().get(1_000).value(), 1_000);
        assertTrue(parent.weight() + child.weight() > 240_000);
        assertEquals("too-large-cluster",
                assertThrows(ValidationException.class, () -> narrow.accept(child, false)).getMessage(),
                "-limitclustersize=60: 240 000 weight units");
    }

    /** A spend of {@code in} into {@code n} outputs of 5000 sat and change (output n), paying 100 000 sat. */
    private Transaction wide(OutPoint in, long value, int n) {
        List<TxOut> outs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            outs.add(new TxOut(5_000, t.key.script));
        }
        outs.add(new TxOut(value - n * 5_000L - 100_000, t.key.script));
        return t.key.spend(List.of(in), List.of(value), outs);
    }
}

package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.junit.jupiter.api.Test;

/** Several transactions tested together (Core's AcceptMultipleTransactions in test mode). */
class PackageTestAcceptTest extends PackageFixture {
    private Package.Result test(Transaction... txs) {
        int before = t.mempool.size();
        Package.Result r = t.mempool.testPackage(List.of(txs));
        assertEquals(before, t.mempool.size(), "a package test adds nothing");
        return r;
    }

    @Test
    void aChildIsTestedWithItsParentFromThePackage() throws Exception {
        Transaction p = parent(1000);
        Transaction c = child(p, 2000);
        Package.Result r = test(p, c);
        assertNull(r.packageError());
        assertTrue(r.results().get(p.wtxid()).accepted());
        assertTrue(r.results().get(c.wtxid()).accepted());
        assertEquals(2000, r.results().get(c.wtxid()).entry().fee());
        assertFalse(t.mempool.contains(p.txid()));
        t.mempool.accept(p, false);
        t.mempool.accept(c, false);
        assertTrue(t.mempool.contains(c.txid()), "the test left no trace that would block the real thing");
    }

    @Test
    void packageRulesAnswerForTheWholePackage() throws Exception {
        Transaction p = parent(1000);
        Transaction c = child(p, 2000);
        assertEquals(new Package.Result("package-not-sorted", java.util.Map.of()), test(c, p));
        assertEquals("package-contains-duplicates", test(p, p).packageError());
        Transaction rival = t.key.spend(t.coinbaseAt(1), value, value - 5000, t.key.script);
        assertEquals("conflict-in-package", test(p, rival).packageError());
        List<Transaction> many = new ArrayList<>(Collections.nCopies(26, p));
        assertEquals("package-too-many-transactions", Package.wellFormedError(many));
        List<TxOut> outs = new ArrayList<>(Collections.nCopies(1700, new TxOut(1000, t.key.script)));
        Transaction wide1 = new Transaction(2, List.of(new TxIn(t.coinbaseAt(1), Script.EMPTY, 0)), outs, 0);
        Transaction wide2 = new Transaction(2, List.of(new TxIn(t.coinbaseAt(2), Script.EMPTY, 0)), outs, 0);
        assertTrue(wide1.weight() < 400_000 && wide1.weight() + wide2.weight() > Package.MAX_WEIGHT);
        assertEquals("package-too-large", Package.wellFormedError(List.of(wide1, wide2)));
        assertNull(Package.wellFormedError(List.of(wide1)), "one transaction is never too large as a package");
    }

    @Test
    void anEarlyFailureStopsWithOnlyThatTransactionsResult() throws Exception {
        Transaction p = parent(0);
        Transaction c = child(p, 50_000);
        Package.Result r = test(p, c);
        assertNull(r.packageError());
        assertEquals(List.of(p.wtxid()), List.copyOf(r.results().keySet()),
                "a parent below the relay fee fails alone: no package feerate in a test");
        assertEquals("min relay fee not met", r.results().get(p.wtxid()).failure().reason());

        Transaction p2 = parent(1000);
        Transaction poor = child(p2, 0);
        Package.Result r2 = test(p2, poor);
        assertEquals(List.of(poor.wtxid()), List.copyOf(r2.results().keySet()),
                "the parent's passed early checks give no result when a later one fails them");
    }

    @Test
    void aScriptFailureKeepsTheResultsBeforeIt() throws Exception {
        Transaction p = parent(1000);
        long in = p.outputs().get(0).value();
        Transaction forged = new TestKey("thief").spend(List.of(new OutPoint(p.txid(), 0)), List.of(in),
                List.of(new TxOut(in - 2000, t.key.script)));
        Package.Result r = test(p, forged);
        assertTrue(r.results().get(p.wtxid()).accepted());
        assertTrue(r.results().get(forged.wtxid()).failure().reason().startsWith("mempool-script-verify-flag-failed"));
    }

    @Test
    void aPackageMayNotReplaceMempoolTransactions() throws Exception {
        t.mempool.accept(parent(1000), false);
        Transaction richer = parent(90_000);
        Package.Result r = test(richer, child(richer, 1000));
        assertEquals("bip125-replacement-disallowed", r.results().get(richer.wtxid()).failure().reason());
        t.mempool.accept(richer, false);
        assertTrue(t.mempool.contains(richer.txid()), "and alone it replaces");
    }

    @Test
    void theClusterLimitsApplyToThePackageAsAWhole() throws Exception {
        Mempool small = new Mempool(t.chain, Mempool.DEFAULT_MAX_BYTES, Mempool.DEFAULT_EXPIRY_SECONDS, false, 2,
                Mempool.CLUSTER_SIZE_LIMIT_KVB);
        Transaction p = parent(1000);
        Transaction c = child(p, 1000);
        Transaction g = child(c, 1000);
        assertNull(small.testPackage(List.of(p, c)).packageError());
        Package.Result r = small.testPackage(List.of(p, c, g));
        assertEquals("too-large-cluster", r.packageError());
        assertTrue(r.results().isEmpty());
        assertEquals(0, small.size());
    }
}

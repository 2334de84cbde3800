package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxOut;
import org.junit.jupiter.api.Test;

/** Core's submitpackage: alone first, then the fee-starved ones together at the package's feerate. */
class SubmitPackageTest extends PackageFixture {
    @Test
    void aChildPaysForAParentBelowTheRelayFee() throws Exception {
        Transaction p = parent(0);
        Transaction c = child(p, 5000);
        Package.Result r = t.mempool.submitPackage(List.of(p, c), 0);
        assertNull(r.packageError());
        assertTrue(t.mempool.contains(p.txid()) && t.mempool.contains(c.txid()));
        Package.TxResult pr = r.results().get(p.wtxid());
        assertEquals(0, pr.entry().fee());
        assertEquals(5000, pr.effectiveFee(), "the package's fee");
        assertEquals(p.vsize() + c.vsize(), pr.effectiveVsize());
        assertEquals(List.of(p.wtxid(), c.wtxid()), pr.effectiveIncludes());
        assertEquals(pr.effectiveFee(), r.results().get(c.wtxid()).effectiveFee());
    }

    @Test
    void transactionsThatPassAloneEnterAloneAndOnesAlreadyThereAreReported() throws Exception {
        Transaction p = parent(1000);
        Transaction c = child(p, 2000);
        t.mempool.accept(p, false);
        Package.Result r = t.mempool.submitPackage(List.of(p, c), 0);
        assertNull(r.packageError());
        assertTrue(r.results().get(p.wtxid()).alreadyInMempool());
        Package.TxResult cr = r.results().get(c.wtxid());
        assertFalse(cr.alreadyInMempool());
        assertEquals(List.of(c.wtxid()), cr.effectiveIncludes(), "alone, its own feerate");
        assertTrue(t.mempool.contains(c.txid()));
    }

    @Test
    void aPackageBelowTheRelayFeeAsAWholeFailsAndAddsNothing() throws Exception {
        Transaction p = parent(0);
        Transaction c = child(p, 1);
        Package.Result r = t.mempool.submitPackage(List.of(p, c), 0);
        assertEquals("transaction failed", r.packageError());
        assertEquals("min relay fee not met", r.results().get(p.wtxid()).failure().reason(), "its own try");
        assertEquals("min relay fee not met", r.results().get(c.wtxid()).failure().reason(), "the package's");
        assertEquals(0, t.mempool.size());
    }

    @Test
    void aFailureNoFeeCanMendStopsThePackage() throws Exception {
        long in = value;
        Transaction forged = new TestKey("thief").spend(List.of(t.coinbaseAt(1)), List.of(in),
                List.of(new TxOut(in - 1000, t.key.script)));
        Transaction c = child(forged, 50_000);
        Package.Result r = t.mempool.submitPackage(List.of(forged, c), 0);
        assertEquals("transaction failed", r.packageError());
        assertTrue(r.results().get(forged.wtxid()).failure().reason().startsWith("mempool-script-verify-flag-failed"));
        assertEquals("missing-inputs", r.results().get(c.wtxid()).failure().reason());
        assertEquals(0, t.mempool.size());
    }

    @Test
    void onlyAChildWithItsParentsIsAPackageHereAndTheFeeRateCapHolds() throws Exception {
        Transaction p = parent(1000);
        Transaction other = t.key.spend(t.coinbaseAt(2), t.coinbaseValue(2), t.coinbaseValue(2) - 1000, t.key.script);
        assertEquals("package-not-child-with-parents", t.mempool.submitPackage(List.of(p, other), 0).packageError());
        Transaction rich = parent(5_000_000);
        Package.Result capped = t.mempool.submitPackage(List.of(rich), 100_000);
        assertEquals("max feerate exceeded", capped.results().get(rich.wtxid()).failure().reason());
        assertEquals(0, t.mempool.size());
    }
}

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

/** -maxmempool trimming by descendant score, the rising minimum fee and its decay, -mempoolexpiry. */
class MempoolLimitsTest {
    private static final long EACH = 1_000_000;
    TestChain t;
    final List<OutPoint> coins = new ArrayList<>();
    final TestKey bob = new TestKey("bob");

    @BeforeEach
    void chain(@TempDir Path dir) throws Exception {
        t = new TestChain(dir);
        t.mine(101);
        OutPoint cb = t.coinbaseAt(1);
        long value = t.coinbaseValue(1);
        List<TxOut> outs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            outs.add(new TxOut(EACH, t.key.script));
        }
        outs.add(new TxOut(value - 12 * EACH - 10_000, t.key.script));
        Transaction fan = t.key.spend(List.of(cb), List.of(value), outs);
        t.miner.generate(t.key.script, List.of(fan));
        for (int i = 0; i < 12; i++) {
            coins.add(new OutPoint(fan.txid(), i));
        }
    }

    @AfterEach
    void close() throws Exception {
        t.close();
    }

    private Transaction pay(int coin, long fee) {
        return t.key.spend(coins.get(coin), EACH, EACH - fee, t.key.script);
    }

    /** A pool with room for {@code n} one-in-one-out transactions. */
    private Mempool poolFor(double n) {
        return new Mempool(t.chain, (long) (n * entryUsage()), Mempool.DEFAULT_EXPIRY_SECONDS);
    }

    private long entryUsage() {
        return new Mempool.Entry(pay(11, 1000), 0, 0, 0, 0).usage();
    }

    @Test
    void fullPoolEvictsTheLowestRateAndRaisesItsMinimumFee() throws Exception {
        Mempool pool = poolFor(3.5);
        assertEquals(0, pool.minFeePerKvB(), "no minimum before any eviction");
        Transaction a = pay(0, 1_000);
        Transaction b = pay(1, 3_000);
        Transaction c = pay(2, 2_000);
        Transaction d = pay(3, 5_000);
        for (Transaction tx : List.of(a, b, c)) {
            pool.accept(tx, false);
        }
        pool.accept(d, false);
        assertFalse(pool.contains(a.txid()), "the lowest fee rate leaves");
        assertTrue(pool.contains(b.txid()) && pool.contains(c.txid()) && pool.contains(d.txid()));
        assertTrue(pool.usage() <= pool.maxBytes());
        long expected = 1_000L * 1000 / a.vsize() + Mempool.INCREMENTAL_RELAY_FEE_PER_KVB;
        assertEquals(expected, pool.minFeePerKvB(), "evicted package rate plus the incremental relay fee");

        ValidationException low = assertThrows(ValidationException.class, () -> pool.accept(pay(4, 900), false));
        assertEquals("mempool min fee not met", low.reason());
        assertEquals(3, pool.size());

        Transaction cheapest = pay(5, 1_500);
        ValidationException full = assertThrows(ValidationException.class, () -> pool.accept(cheapest, false));
        assertEquals("mempool full", full.reason(), "it paid the minimum but was the first to go");
        assertFalse(pool.contains(cheapest.txid()));
        assertEquals(3, pool.size());
        assertTrue(pool.minFeePerKvB() > expected, "the minimum rose again");
    }

    @Test
    void aChildPayingForItsParentKeepsTheParentOverAMediumStandaloneTransaction() throws Exception {
        Mempool pool = poolFor(3.5);
        Transaction parent = pay(0, 500);
        Transaction child = t.key.spend(new OutPoint(parent.txid(), 0), EACH - 500, EACH - 500 - 6_000,
                t.key.script);
        Transaction medium = pay(1, 2_000);
        pool.accept(parent, false);
        pool.accept(child, false);
        pool.accept(medium, false);
        pool.accept(pay(2, 3_000), false);
        assertFalse(pool.contains(medium.txid()), "2000 sat alone scores below the 6500 sat package");
        assertTrue(pool.contains(parent.txid()) && pool.contains(child.txid()));
    }

    @Test
    void evictingAParentTakesItsDescendants() throws Exception {
        Mempool pool = poolFor(3.5);
        Transaction parent = pay(0, 500);
        Transaction child = t.key.spend(new OutPoint(parent.txid(), 0), EACH - 500, EACH - 1_200, t.key.script);
        pool.accept(parent, false);
        pool.accept(child, false);
        pool.accept(pay(1, 4_000), false);
        pool.accept(pay(2, 4_000), false);
        assertFalse(pool.contains(parent.txid()));
        assertFalse(pool.contains(child.txid()), "no orphan is left behind");
        assertEquals(2, pool.size());
        long rate = 1_200L * 1000 / (parent.vsize() + child.vsize()) + Mempool.INCREMENTAL_RELAY_FEE_PER_KVB;
        assertEquals(rate, pool.minFeePerKvB(), "the package's rate, not the parent's alone");
    }

    @Test
    void minimumFeeDecaysOnlyAfterABlock() throws Exception {
        Mempool pool = poolFor(3.5);
        for (int i = 0; i < 4; i++) {
            pool.accept(pay(i, 1_000 + 1_000 * i), false);
        }
        long bumped = pool.minFeePerKvB();
        assertTrue(bumped > 0);
        t.clock.addAndGet(24 * 3600);
        assertEquals(bumped, pool.minFeePerKvB(), "no decay until a block arrives");
        t.mine(1);
        t.clock.addAndGet(3 * 3600);
        long later = pool.minFeePerKvB();
        assertTrue(later < bumped && later > 0, "decays by half-lives: " + bumped + " -> " + later);
        t.clock.addAndGet(10 * 24 * 3600);
        assertEquals(0, pool.minFeePerKvB(), "falls to zero below half the incremental relay fee");
    }

    @Test
    void entriesOlderThanTheExpiryLeaveWithTheirDescendants() throws Exception {
        Mempool pool = new Mempool(t.chain, Mempool.DEFAULT_MAX_BYTES, 3600);
        Transaction parent = pay(0, 1_000);
        Transaction child = t.key.spend(new OutPoint(parent.txid(), 0), EACH - 1_000, EACH - 2_000, t.key.script);
        pool.accept(parent, false);
        t.clock.addAndGet(1800);
        pool.accept(child, false);
        t.clock.addAndGet(1801);
        Transaction fresh = pay(1, 1_000);
        pool.accept(fresh, false);
        assertFalse(pool.contains(parent.txid()));
        assertFalse(pool.contains(child.txid()), "the child is younger but goes with its parent");
        assertTrue(pool.contains(fresh.txid()));
        assertEquals(0, pool.minFeePerKvB(), "expiry does not raise the minimum fee");
    }
}

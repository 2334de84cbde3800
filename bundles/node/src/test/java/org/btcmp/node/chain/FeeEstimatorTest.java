package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxOut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Estimates follow what confirmed: fast for payers that got in, none for rates that kept waiting. */
class FeeEstimatorTest {
    private static final long EACH = 1_000_000;

    @Test
    void estimatesFromConfirmationsByTarget(@TempDir Path dir) throws Exception {
        try (TestChain t = new TestChain(dir)) {
            t.mine(101);
            long value = t.coinbaseValue(1);
            List<TxOut> outs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                outs.add(new TxOut(EACH, t.key.script));
            }
            outs.add(new TxOut(value - 40 * EACH - 10_000, t.key.script));
            Transaction fan = t.key.spend(List.of(t.coinbaseAt(1)), List.of(value), outs);
            t.miner.generate(t.key.script, List.of(fan));
            FeeEstimator fees = t.mempool.feeEstimator();
            assertEquals(new FeeEstimator.Estimate(0, 2), fees.estimate(2, false), "no data yet");

            int next = 0;
            double highRate = 0;
            double lowRate = 0;
            for (int round = 0; round < 10; round++) {
                List<Transaction> high = new ArrayList<>();
                for (int k = 0; k < 2; k++) {
                    Transaction h = t.key.spend(new OutPoint(fan.txid(), next++), EACH, EACH - 2_200, t.key.script);
                    Transaction l = t.key.spend(new OutPoint(fan.txid(), next++), EACH, EACH - 150, t.key.script);
                    t.mempool.accept(h, false);
                    t.mempool.accept(l, false);
                    high.add(h);
                    highRate = 2_200_000.0 / h.vsize();
                    lowRate = 150_000.0 / l.vsize();
                }
                t.clock.incrementAndGet();
                t.miner.generate(t.key.script, high);
            }
            FeeEstimator.Estimate fast = fees.estimate(2, false);
            assertEquals(2, fast.target());
            assertEquals(highRate, fast.feeRatePerKvB(), highRate * 0.02, "the rate that confirmed next block");
            assertEquals(fast, fees.estimate(1, false), "a target of 1 is answered as 2");
            assertEquals(fast.feeRatePerKvB(), fees.estimate(2, true).feeRatePerKvB());

            t.clock.incrementAndGet();
            t.mine(1);
            assertEquals(0, t.mempool.size(), "the low payers confirmed after 1 to 10 blocks");
            assertEquals(fast.feeRatePerKvB(), fees.estimate(2, false).feeRatePerKvB(),
                    "most low payers waited longer than 2 blocks");
            FeeEstimator.Estimate slow = fees.estimate(20, false);
            assertEquals(20, slow.target());
            assertEquals(lowRate, slow.feeRatePerKvB(), lowRate * 0.02, "within 20 blocks the low rate is enough");
            assertTrue(fees.estimate(5000, false).target() == FeeEstimator.MAX_TARGET);
        }
    }
}

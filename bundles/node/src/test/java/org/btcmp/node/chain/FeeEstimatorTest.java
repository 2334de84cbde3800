package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.btcmp.node.chain.FeeEstimator.Horizon;
import org.btcmp.primitives.Hash256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The estimator fed a deterministic sequence of mempool arrivals and blocks (1000-vbyte
 * transactions, so a fee in satoshis is its rate in sat/kvB): the three horizons, the modes,
 * target clamping, "no estimate" answers, and fee_estimates.dat.
 */
class FeeEstimatorTest {
    private static final long HIGH = 20_000;
    private static final long LOW = 2_000;

    /** Drives an estimator: transactions enter at the current height; blocks confirm given ones. */
    private static final class Feed {
        final FeeEstimator est = new FeeEstimator();
        int height;
        int next;

        List<FeeEstimator.Confirmed> add(long fee, int n) {
            List<FeeEstimator.Confirmed> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] id = new byte[32];
                ByteBuffer.wrap(id).putInt(++next);
                FeeEstimator.Confirmed c = new FeeEstimator.Confirmed(Hash256.wrap(id), fee, 1000);
                est.transactionAdded(c.txid(), height, fee, 1000, true);
                out.add(c);
            }
            return out;
        }

        void block(List<FeeEstimator.Confirmed> confirmed) {
            est.blockConnected(++height, confirmed);
        }
    }

    /**
     * 200 blocks in which 10 high payers confirm in the next block and 10 low payers wait 10
     * blocks, then 100 blocks in which both confirm at once.
     */
    private static Feed slowThenFast() {
        Feed f = new Feed();
        Deque<List<FeeEstimator.Confirmed>> waiting = new ArrayDeque<>();
        for (int round = 0; round < 300; round++) {
            List<FeeEstimator.Confirmed> block = new ArrayList<>(f.add(HIGH, 10));
            waiting.add(f.add(LOW, 10));
            int wait = round < 200 ? 10 : 1;
            while (waiting.size() >= wait || (round >= 200 && !waiting.isEmpty())) {
                block.addAll(waiting.poll());
            }
            f.block(block);
        }
        return f;
    }

    @Test
    void noDataAnswersNothingWithTargetZero() {
        Feed f = new Feed();
        assertEquals(new FeeEstimator.Estimate(0, 0, "None"), f.est.estimate(2, false), "no history: Core returns blocks 0");
        FeeEstimator.Raw raw = f.est.estimateRaw(2, 0.95, Horizon.SHORT);
        assertEquals(0, raw.feeRatePerKvB());
        assertEquals(0.962, raw.decay());
        assertEquals(1, raw.scale());
        assertEquals(0, raw.fail().start(), "the insufficient range is reported as failing: all buckets");
        assertEquals(FeeEstimator.INF_RATE, raw.fail().end());
        assertEquals(-1, raw.pass().start());

        for (int i = 0; i < 3; i++) {
            f.block(f.add(HIGH, 1));
        }
        assertEquals(new FeeEstimator.Estimate(0, 1, "None"), f.est.estimate(6, false),
                "two blocks of history: the usable target is 1, which Core cannot estimate");
        assertEquals(new FeeEstimator.Estimate(0, 0, "None"), f.est.estimate(0, false));
        assertEquals(new FeeEstimator.Estimate(0, 1009, "None"), f.est.estimate(1009, true));
    }

    @Test
    void economicalFollowsRecentBlocksConservativeRemembersLongerOnes() {
        Feed f = slowThenFast();
        assertEquals(new FeeEstimator.Estimate(LOW, 2, "Half Target 60% Threshold"), f.est.estimate(2, false),
                "the short horizon has forgotten that low payers waited");
        assertEquals(new FeeEstimator.Estimate(LOW, 2, "Half Target 60% Threshold"), f.est.estimate(1, false), "a target of 1 is answered as 2");
        assertEquals(new FeeEstimator.Estimate(HIGH, 2, "Conservative Double Target longer horizon"), f.est.estimate(2, true),
                "the medium horizon still sees low payers miss 4 blocks half the time");
        assertEquals(new FeeEstimator.Estimate(LOW, 149, "Double Target 95% Threshold"), f.est.estimate(1000, true),
                "299 blocks of history allow targets up to 149; within 24 blocks both rates confirmed; only the"
                + " double target (298, the long horizon) has enough data, so it names the reason");

        assertEquals(LOW, f.est.estimateRaw(2, 0.95, Horizon.SHORT).feeRatePerKvB());
        FeeEstimator.Raw medium = f.est.estimateRaw(4, 0.95, Horizon.MEDIUM);
        assertEquals(HIGH, medium.feeRatePerKvB());
        assertEquals(0.9952, medium.decay());
        assertEquals(2, medium.scale());
        assertTrue(medium.fail().start() < LOW && medium.fail().end() >= LOW && medium.fail().end() < HIGH,
                "the failing range holds the low rate: " + medium.fail());
        double share = medium.fail().withinTarget() / medium.fail().totalConfirmed();
        assertTrue(share > 0.4 && share < 0.6, "about half the low payers confirmed within 4 blocks: " + share);
        assertTrue(medium.pass().start() < HIGH && medium.pass().end() >= HIGH, medium.pass().toString());
        assertEquals(medium.pass().totalConfirmed(), medium.pass().withinTarget(), 1e-9);
        assertEquals(LOW, f.est.estimateRaw(24, 0.95, Horizon.LONG).feeRatePerKvB());
        assertEquals(0, f.est.estimateRaw(13, 0.95, Horizon.SHORT).feeRatePerKvB(), "beyond the short horizon");
        assertEquals(12, f.est.highestTargetTracked(Horizon.SHORT));
        assertEquals(48, f.est.highestTargetTracked(Horizon.MEDIUM));
        assertEquals(1008, f.est.highestTargetTracked(Horizon.LONG));
    }

    @Test
    void waitingAndEvictedTransactionsCountAgainstTheirRate() {
        Feed f = new Feed();
        for (int i = 0; i < 40; i++) {
            f.block(f.add(HIGH, 10));
        }
        assertEquals(HIGH, f.est.estimate(2, false).feeRatePerKvB());
        // Low payers arrive and never confirm: once they waited past the target they count as failures.
        List<FeeEstimator.Confirmed> stuck = f.add(LOW, 20);
        for (int i = 0; i < 5; i++) {
            f.block(f.add(HIGH, 10));
        }
        FeeEstimator.Raw raw = f.est.estimateRaw(2, 0.95, Horizon.SHORT);
        assertEquals(HIGH, raw.feeRatePerKvB());
        assertEquals(20, raw.fail().inMempool(), "still waiting after 2 blocks: " + raw.fail());
        stuck.forEach(c -> f.est.transactionRemoved(c.txid()));
        raw = f.est.estimateRaw(2, 0.95, Horizon.SHORT);
        assertEquals(0, raw.fail().inMempool());
        assertEquals(20, raw.fail().leftMempool(), 1e-9, "evicted after waiting 5 blocks: failed for 2");
    }

    @Test
    void untrackedArrivalsAndReorgHeightsAddNoData() {
        Feed f = new Feed();
        f.block(List.of());
        byte[] id = new byte[32];
        id[0] = 1;
        f.est.transactionAdded(Hash256.wrap(id), 0, 5_000, 1000, true);
        f.est.transactionAdded(Hash256.wrap(new byte[32]), 1, 5_000, 1000, false);
        f.block(List.of(new FeeEstimator.Confirmed(Hash256.wrap(id), 5_000, 1000),
                new FeeEstimator.Confirmed(Hash256.wrap(new byte[32]), 5_000, 1000)));
        assertEquals(0, f.est.estimateRaw(1, 0.5, Horizon.LONG).fail().totalConfirmed(),
                "one entered below our best height, the other had mempool parents");
        List<FeeEstimator.Confirmed> tracked = f.add(5_000, 3);
        f.est.blockConnected(2, tracked);
        assertEquals(0, f.est.estimateRaw(1, 0.5, Horizon.LONG).fail().totalConfirmed(), "a height seen already");
    }

    @Test
    void feeEstimatesDatRoundTripsInCoresLayout(@TempDir Path dir) throws Exception {
        Feed f = slowThenFast();
        byte[] data = f.est.serialize();
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(149900, b.getInt(), "Core's CURRENT_FEES_FILE_VERSION");
        assertEquals(0, b.getInt());
        assertEquals(300, b.getInt(), "best seen height");
        assertEquals(1, b.getInt(), "first recorded height");
        assertEquals(300, b.getInt());
        assertEquals(237, b.get() & 0xff, "buckets 100 x 1.05^k up to 1e7, and one above");
        assertEquals(100.0, b.getDouble());
        assertEquals(105.0, b.getDouble());
        b.position(b.position() + 234 * 8);
        assertEquals(1e99, b.getDouble());
        assertEquals(0.9952, b.getDouble(), "the medium horizon comes first");
        assertEquals(2, b.getInt());
        int bucketsVector = 1 + 237 * 8;
        long expected = 20 + bucketsVector;
        for (int periods : new int[] {24, 12, 42}) {
            expected += 8 + 4 + 2L * bucketsVector + 2L * (1 + (long) periods * bucketsVector);
        }
        assertEquals(expected, data.length);

        Path file = dir.resolve("fee_estimates.dat");
        Files.write(file, data);
        FeeEstimator loaded = new FeeEstimator();
        List<String> log = FeeEstimatesFile.load(loaded, file, System.currentTimeMillis(), false);
        assertEquals(List.of(), log);
        for (int target : new int[] {1, 2, 5, 20, 100, 1008}) {
            assertEquals(f.est.estimate(target, false), loaded.estimate(target, false), "economical " + target);
            assertEquals(f.est.estimate(target, true), loaded.estimate(target, true), "conservative " + target);
        }
        assertEquals(f.est.estimateRaw(4, 0.95, Horizon.MEDIUM), loaded.estimateRaw(4, 0.95, Horizon.MEDIUM));
        assertArrayEquals(data, loaded.serialize(), "what was read is written back unchanged");
    }

    @Test
    void staleMissingAndBadFilesLeaveTheEstimatorEmpty(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fee_estimates.dat");
        long now = System.currentTimeMillis();
        FeeEstimator empty = new FeeEstimator();
        assertEquals(List.of(file + " is not found. Continue anyway."), FeeEstimatesFile.load(empty, file, now, false));

        byte[] good = slowThenFast().est.serialize();
        Files.write(file, good);
        Files.setLastModifiedTime(file, FileTime.fromMillis(now - 61 * 3_600_000L));
        FeeEstimator stale = new FeeEstimator();
        assertEquals(List.of("Fee estimation file " + file + " too old (age=61 > 60 hours) and will not be used to"
                + " avoid serving stale estimates."), FeeEstimatesFile.load(stale, file, now, false));
        assertEquals(new FeeEstimator.Estimate(0, 0, "None"), stale.estimate(2, false));
        FeeEstimator accepted = new FeeEstimator();
        assertEquals(List.of(), FeeEstimatesFile.load(accepted, file, now, true), "-acceptstalefeeestimates");
        assertEquals(LOW, accepted.estimate(2, false).feeRatePerKvB());
        Files.setLastModifiedTime(file, FileTime.fromMillis(now - 59 * 3_600_000L));
        assertEquals(List.of(), FeeEstimatesFile.load(new FeeEstimator(), file, now, false), "59 hours is fresh");

        assertBad(dir, Arrays.copyOf(good, good.length - 1), "Unable to read policy estimator data (non-fatal): count"
                + " 237 of fee estimates failure averages at offset " + (good.length - 1 - 237 * 8)
                + " exceeds the remaining 1895 bytes");
        byte[] high = good.clone();
        high[0]++;
        assertBad(dir, high, "Unable to read policy estimator data (non-fatal): File version (149901) too high to be"
                + " read.");
        byte[] badDecay = good.clone();
        Arrays.fill(badDecay, 20 + 1 + 237 * 8, 20 + 1 + 237 * 8 + 8, (byte) 0);
        assertBad(dir, badDecay, "Unable to read policy estimator data (non-fatal): Corrupt estimates file. Decay must"
                + " be between 0 and 1 (non-inclusive)");
        byte[] badRange = good.clone();
        badRange[15] = (byte) 0x7f;
        assertBad(dir, badRange, "Unable to read policy estimator data (non-fatal): Corrupt estimates file. Historical"
                + " block range for estimates is invalid");

        byte[] old = good.clone();
        old[0]--;
        Files.write(file, old);
        FeeEstimator oldVersion = new FeeEstimator();
        assertEquals(List.of("Incompatible old fee estimation data (non-fatal). Version: 149899"),
                FeeEstimatesFile.load(oldVersion, file, now, false));
        assertEquals(new FeeEstimator.Estimate(0, 0, "None"), oldVersion.estimate(2, false));
    }

    private static void assertBad(Path dir, byte[] data, String firstLine) throws Exception {
        Path file = dir.resolve("bad.dat");
        Files.write(file, data);
        FeeEstimator est = new FeeEstimator();
        List<String> log = FeeEstimatesFile.load(est, file, System.currentTimeMillis(), false);
        assertEquals(2, log.size(), log.toString());
        assertTrue(log.get(0).startsWith(firstLine), log.get(0));
        assertEquals("Failed to read fee estimates from " + file + ". Continue anyway.", log.get(1));
        assertEquals(new FeeEstimator.Estimate(0, 0, "None"), est.estimate(2, false), "nothing adopted");
    }
}

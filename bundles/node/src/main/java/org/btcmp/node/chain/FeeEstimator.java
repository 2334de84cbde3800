package org.btcmp.node.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.btcmp.primitives.Hash256;

/**
 * Fee estimates from what this node saw confirm, with the semantics of Core's
 * CBlockPolicyEstimator: transactions without mempool parents that enter the mempool at our best
 * height are filed in fee-rate buckets (5% apart, 100 sat/kvB to 1e7 and one above); each block
 * records how many blocks the confirmed ones waited, and those that leave unconfirmed count as
 * failures. Three horizons keep decaying averages of that: short (decay 0.962, 12 blocks), medium
 * (0.9952, 48 blocks in periods of 2) and long (0.99931, 1008 blocks in periods of 24).
 * {@link #estimate} is Core's estimateSmartFee: the highest of a 60% success at half the target,
 * 85% at the target and 95% at double the target, each from the shortest horizon that tracks it;
 * conservative estimates also need 95% at double the target on the longer horizons.
 */
public final class FeeEstimator {
    /** Core's longest horizon: estimatesmartfee and estimaterawfee accept targets up to this. */
    public static final int MAX_TARGET = 1008;
    static final double MIN_BUCKET_RATE = 100;
    static final double MAX_BUCKET_RATE = 1e7;
    static final double INF_RATE = 1e99;
    static final double SPACING = 1.05;
    static final double HALF_SUCCESS = 0.6;
    static final double SUCCESS = 0.85;
    static final double DOUBLE_SUCCESS = 0.95;
    /** Decayed transactions per block a bucket group needs on the medium and long horizons. */
    static final double SUFFICIENT = 0.1;
    /** The same on the short horizon, which counts fewer blocks. */
    static final double SUFFICIENT_SHORT = 0.5;
    /** Saved history older than this many blocks (measured from our best height) is not used. */
    static final int OLDEST_HISTORY = 6 * 1008;

    /** Core's FeeEstimateHorizon, with the names estimaterawfee prints. */
    public enum Horizon {
        SHORT, MEDIUM, LONG;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * estimatesmartfee's answer: sat/kvB (0 when there is none), the target it answers for, and Core's
     * FeeReason string for the estimate that gave the rate (the wallet reports it as fee_reason).
     */
    public record Estimate(long feeRatePerKvB, int target, String reason) {
    }

    /** A bucket range's figures as estimaterawfee reports them (start -1: no such range). */
    public record BucketRange(double start, double end, double withinTarget, double totalConfirmed,
            double inMempool, double leftMempool) {
        static final BucketRange NONE = new BucketRange(-1, -1, 0, 0, 0, 0);
    }

    /** estimaterawfee's answer for one horizon: sat/kvB (0 when none) and the ranges behind it. */
    public record Raw(long feeRatePerKvB, BucketRange pass, BucketRange fail, double decay, int scale) {
    }

    /** A confirmed transaction's fee and virtual size, as a block removes it from the mempool. */
    record Confirmed(Hash256 txid, long fee, int vsize) {
    }

    private record Tracked(int height, int bucket) {
    }

    private double[] buckets;
    private ConfirmStats shortStats;
    private ConfirmStats mediumStats;
    private ConfirmStats longStats;
    private final Map<Hash256, Tracked> tracked = new HashMap<>();
    private int bestSeenHeight;
    private int firstRecordedHeight;
    private int historicalFirst;
    private int historicalBest;

    public FeeEstimator() {
        List<Double> b = new ArrayList<>();
        for (double r = MIN_BUCKET_RATE; r <= MAX_BUCKET_RATE; r *= SPACING) {
            b.add(r);
        }
        b.add(INF_RATE);
        buckets = b.stream().mapToDouble(Double::doubleValue).toArray();
        mediumStats = new ConfirmStats(buckets, 24, 0.9952, 2);
        shortStats = new ConfirmStats(buckets, 12, 0.962, 1);
        longStats = new ConfirmStats(buckets, 42, 0.99931, 24);
    }

    /** Core's CFeeRate(fee, vsize).GetFeePerK(): satoshis per 1000 virtual bytes, truncated. */
    static long ratePerKvB(long fee, int vsize) {
        return vsize == 0 ? 0 : fee * 1000 / vsize;
    }

    /**
     * A transaction entered the mempool when our tip was at {@code height}. It is tracked only when
     * the estimator has seen that height as its best and the transaction counts for estimation (no
     * mempool parents, not re-added by a reorg).
     */
    synchronized void transactionAdded(Hash256 txid, int height, long fee, int vsize, boolean countsForEstimates) {
        if (tracked.containsKey(txid) || height != bestSeenHeight || !countsForEstimates) {
            return;
        }
        double rate = ratePerKvB(fee, vsize);
        int bucket = mediumStats.newTx(height, rate);
        shortStats.newTx(height, rate);
        longStats.newTx(height, rate);
        tracked.put(txid, new Tracked(height, bucket));
    }

    /** A transaction left the mempool other than by confirming (replaced, evicted, expired, conflicted). */
    synchronized void transactionRemoved(Hash256 txid) {
        remove(txid, false);
    }

    private boolean remove(Hash256 txid, boolean inBlock) {
        Tracked t = tracked.remove(txid);
        if (t == null) {
            return false;
        }
        mediumStats.removeTx(t.height(), bestSeenHeight, t.bucket(), inBlock);
        shortStats.removeTx(t.height(), bestSeenHeight, t.bucket(), inBlock);
        longStats.removeTx(t.height(), bestSeenHeight, t.bucket(), inBlock);
        return true;
    }

    /**
     * A block at {@code height} confirmed these mempool transactions. A height at or below one
     * already seen (a reorg) adds no data points; its transactions just stop being tracked.
     */
    synchronized void blockConnected(int height, List<Confirmed> confirmed) {
        if (height <= bestSeenHeight) {
            confirmed.forEach(c -> remove(c.txid(), true));
            return;
        }
        bestSeenHeight = height;
        for (ConfirmStats s : all()) {
            s.clearCurrent(height);
            s.decayAll();
        }
        int counted = 0;
        for (Confirmed c : confirmed) {
            Tracked t = tracked.get(c.txid());
            if (t == null) {
                continue;
            }
            remove(c.txid(), true);
            int blocksToConfirm = height - t.height();
            if (blocksToConfirm <= 0) {
                continue;
            }
            double rate = ratePerKvB(c.fee(), c.vsize());
            for (ConfirmStats s : all()) {
                s.record(blocksToConfirm, rate);
            }
            counted++;
        }
        if (firstRecordedHeight == 0 && counted > 0) {
            firstRecordedHeight = bestSeenHeight;
        }
    }

    /** At shutdown: every transaction still waiting counts as having left unconfirmed (Core's FlushUnconfirmed). */
    synchronized void flushUnconfirmed() {
        for (Hash256 txid : new ArrayList<>(tracked.keySet())) {
            remove(txid, false);
        }
    }

    private List<ConfirmStats> all() {
        return List.of(mediumStats, shortStats, longStats);
    }

    private ConfirmStats stats(Horizon h) {
        return switch (h) {
            case SHORT -> shortStats;
            case MEDIUM -> mediumStats;
            case LONG -> longStats;
        };
    }

    /** The longest target {@code h} tracks: 12, 48 or 1008 blocks. */
    public synchronized int highestTargetTracked(Horizon h) {
        return stats(h).maxConfirms();
    }

    private int blockSpan() {
        return firstRecordedHeight == 0 ? 0 : bestSeenHeight - firstRecordedHeight;
    }

    private int historicalBlockSpan() {
        if (historicalFirst == 0 || bestSeenHeight - historicalBest > OLDEST_HISTORY) {
            return 0;
        }
        return historicalBest - historicalFirst;
    }

    /** The highest target with enough history behind it: half the blocks of data, at most 1008. */
    private int maxUsableEstimate() {
        return Math.min(longStats.maxConfirms(), Math.max(blockSpan(), historicalBlockSpan()) / 2);
    }

    /** Core's estimateRawFee: one horizon at one success threshold (0 when it has no answer). */
    public synchronized Raw estimateRaw(int target, double threshold, Horizon horizon) {
        ConfirmStats s = stats(horizon);
        double sufficient = horizon == Horizon.SHORT ? SUFFICIENT_SHORT : SUFFICIENT;
        if (target <= 0 || target > s.maxConfirms() || threshold > 1) {
            return new Raw(0, BucketRange.NONE, BucketRange.NONE, 0, 0);
        }
        ConfirmStats.Result r = s.estimateMedian(target, sufficient, threshold, bestSeenHeight);
        return new Raw(r.median() < 0 ? 0 : Math.round(r.median()), r.pass(), r.fail(), r.decay(), r.scale());
    }

    /** From the shortest horizon tracking {@code target}; optionally lowered by shorter horizons' maxima. */
    private double combined(int target, double threshold, boolean checkShorter) {
        double estimate = -1;
        if (target < 1 || target > longStats.maxConfirms()) {
            return estimate;
        }
        if (target <= shortStats.maxConfirms()) {
            estimate = shortStats.estimateMedian(target, SUFFICIENT_SHORT, threshold, bestSeenHeight).median();
        } else if (target <= mediumStats.maxConfirms()) {
            estimate = mediumStats.estimateMedian(target, SUFFICIENT, threshold, bestSeenHeight).median();
        } else {
            estimate = longStats.estimateMedian(target, SUFFICIENT, threshold, bestSeenHeight).median();
        }
        if (checkShorter) {
            if (target > mediumStats.maxConfirms()) {
                double m = mediumStats.estimateMedian(mediumStats.maxConfirms(), SUFFICIENT, threshold,
                        bestSeenHeight).median();
                if (m > 0 && (estimate == -1 || m < estimate)) {
                    estimate = m;
                }
            }
            if (target > shortStats.maxConfirms()) {
                double m = shortStats.estimateMedian(shortStats.maxConfirms(), SUFFICIENT_SHORT, threshold,
                        bestSeenHeight).median();
                if (m > 0 && (estimate == -1 || m < estimate)) {
                    estimate = m;
                }
            }
        }
        return estimate;
    }

    /** For conservative estimates: 95% within {@code doubleTarget} on the medium and long horizons too. */
    private double conservative(int doubleTarget) {
        double estimate = -1;
        if (doubleTarget <= shortStats.maxConfirms()) {
            estimate = mediumStats.estimateMedian(doubleTarget, SUFFICIENT, DOUBLE_SUCCESS, bestSeenHeight).median();
        }
        if (doubleTarget <= mediumStats.maxConfirms()) {
            double l = longStats.estimateMedian(doubleTarget, SUFFICIENT, DOUBLE_SUCCESS, bestSeenHeight).median();
            if (l > estimate) {
                estimate = l;
            }
        }
        return estimate;
    }

    /**
     * Core's estimateSmartFee. The target is raised to 2 and lowered to the highest one with enough
     * history; the answer names the target used (0 with no history at all) and a rate of 0 when
     * there is no estimate.
     */
    public synchronized Estimate estimate(int confTarget, boolean conservative) {
        if (confTarget <= 0 || confTarget > longStats.maxConfirms()) {
            return new Estimate(0, confTarget, "None");
        }
        int target = Math.max(confTarget, 2);
        target = Math.min(target, maxUsableEstimate());
        if (target <= 1) {
            return new Estimate(0, target, "None");
        }
        // Core keeps the first of equal candidates, so each later one must be strictly higher to name the reason.
        double median = combined(target / 2, HALF_SUCCESS, true);
        String reason = "Half Target 60% Threshold";
        double full = combined(target, SUCCESS, true);
        if (full > median) {
            median = full;
            reason = "Target 85% Threshold";
        }
        double doubled = combined(2 * target, DOUBLE_SUCCESS, !conservative);
        if (doubled > median) {
            median = doubled;
            reason = "Double Target 95% Threshold";
        }
        if (conservative || median == -1) {
            double longer = conservative(2 * target);
            if (longer > median) {
                median = longer;
                reason = "Conservative Double Target longer horizon";
            }
        }
        return median < 0 ? new Estimate(0, target, "None") : new Estimate(Math.round(median), target, reason);
    }

    /** Saves the state in Core's fee_estimates.dat layout (see {@link FeeEstimatesFile}). */
    synchronized byte[] serialize() {
        int first;
        int best;
        if (blockSpan() > historicalBlockSpan() / 2) {
            first = firstRecordedHeight;
            best = bestSeenHeight;
        } else {
            first = historicalFirst;
            best = historicalBest;
        }
        return FeeEstimatesFile.encode(bestSeenHeight, first, best, buckets, mediumStats, shortStats, longStats);
    }

    /** Adopts a file's state (already fully decoded and checked). */
    synchronized void restore(FeeEstimatesFile.State s) {
        buckets = s.buckets();
        mediumStats = s.medium();
        shortStats = s.shortTerm();
        longStats = s.longTerm();
        bestSeenHeight = s.bestSeenHeight();
        historicalFirst = s.historicalFirst();
        historicalBest = s.historicalBest();
    }
}

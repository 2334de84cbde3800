package org.btcmp.node.chain;

import org.btcmp.primitives.ByteReader;
import org.btcmp.primitives.ByteWriter;
import org.btcmp.primitives.DecodeException;
import org.btcmp.node.chain.FeeEstimator.BucketRange;

/**
 * One horizon of the fee estimator (the role of Core's TxConfirmStats): per fee-rate bucket,
 * decaying averages of how many transactions confirmed, how many of them within each number of
 * periods ({@code scale} blocks each), how many left the mempool unconfirmed after so many periods,
 * and their summed fee rates; plus exact counts of tracked transactions still waiting, by entry
 * height (a ring over the blocks tracked) and beyond that.
 */
final class ConfirmStats {
    /** A median fee rate (-1: none) with the passing and failing ranges behind it. */
    record Result(double median, BucketRange pass, BucketRange fail, double decay, int scale) {
    }

    private final double[] buckets;
    private final double decay;
    private final int scale;
    private final double[] txCount;
    private final double[] feeRateSum;
    /** confirmed[p][b]: transactions of bucket b confirmed within p + 1 periods. */
    private final double[][] confirmed;
    /** failed[p][b]: transactions of bucket b that left unconfirmed after more than p + 1 periods. */
    private final double[][] failed;
    private final int[][] unconfirmed;
    private final int[] oldUnconfirmed;

    ConfirmStats(double[] buckets, int periods, double decay, int scale) {
        this(buckets, decay, scale, new double[buckets.length], new double[buckets.length],
                new double[periods][buckets.length], new double[periods][buckets.length]);
    }

    private ConfirmStats(double[] buckets, double decay, int scale, double[] feeRateSum, double[] txCount,
            double[][] confirmed, double[][] failed) {
        this.buckets = buckets;
        this.decay = decay;
        this.scale = scale;
        this.feeRateSum = feeRateSum;
        this.txCount = txCount;
        this.confirmed = confirmed;
        this.failed = failed;
        unconfirmed = new int[maxConfirms()][buckets.length];
        oldUnconfirmed = new int[buckets.length];
    }

    /** The longest confirmation target this horizon tracks, in blocks. */
    int maxConfirms() {
        return scale * confirmed.length;
    }

    double decay() {
        return decay;
    }

    int scale() {
        return scale;
    }

    /** Core's bucketMap.lower_bound: the first bucket whose upper bound is at least {@code rate}. */
    static int bucketOf(double[] buckets, double rate) {
        int lo = 0;
        int hi = buckets.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (buckets[mid] >= rate) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** A new block at {@code height}: its ring slot's waiting transactions move to "old". */
    void clearCurrent(int height) {
        int[] slot = unconfirmed[Integer.remainderUnsigned(height, unconfirmed.length)];
        for (int b = 0; b < buckets.length; b++) {
            oldUnconfirmed[b] += slot[b];
            slot[b] = 0;
        }
    }

    /** A tracked transaction confirmed after {@code blocksToConfirm} (≥ 1) blocks. */
    void record(int blocksToConfirm, double rate) {
        if (blocksToConfirm < 1) {
            return;
        }
        int periods = (blocksToConfirm + scale - 1) / scale;
        int b = bucketOf(buckets, rate);
        for (int p = periods; p <= confirmed.length; p++) {
            confirmed[p - 1][b]++;
        }
        txCount[b]++;
        feeRateSum[b] += rate;
    }

    void decayAll() {
        for (int b = 0; b < buckets.length; b++) {
            for (int p = 0; p < confirmed.length; p++) {
                confirmed[p][b] *= decay;
                failed[p][b] *= decay;
            }
            feeRateSum[b] *= decay;
            txCount[b] *= decay;
        }
    }

    /** A transaction entering the mempool at {@code height}; returns its bucket. */
    int newTx(int height, double rate) {
        int b = bucketOf(buckets, rate);
        unconfirmed[Integer.remainderUnsigned(height, unconfirmed.length)][b]++;
        return b;
    }

    /**
     * A tracked transaction leaving the mempool (in a block or not); one that left without
     * confirming counts as a failure for every whole period it waited.
     */
    void removeTx(int entryHeight, int bestSeenHeight, int bucket, boolean inBlock) {
        int blocksAgo = bestSeenHeight == 0 ? 0 : bestSeenHeight - entryHeight;
        if (blocksAgo < 0) {
            return;
        }
        if (blocksAgo >= unconfirmed.length) {
            if (oldUnconfirmed[bucket] > 0) {
                oldUnconfirmed[bucket]--;
            }
        } else {
            int[] slot = unconfirmed[Integer.remainderUnsigned(entryHeight, unconfirmed.length)];
            if (slot[bucket] > 0) {
                slot[bucket]--;
            }
        }
        if (!inBlock && blocksAgo >= scale) {
            int periodsAgo = blocksAgo / scale;
            for (int p = 0; p < periodsAgo && p < failed.length; p++) {
                failed[p][bucket]++;
            }
        }
    }

    /**
     * Core's EstimateMedianVal: from the highest bucket down, buckets are grouped until a group
     * holds {@code sufficient / (1 - decay)} confirmed transactions; a group passes when the share
     * confirmed within the target (of confirmed, failed and still-waiting ones) reaches
     * {@code successThreshold}. The answer is the average rate of the bucket holding the median
     * transaction of the lowest passing group; -1 when no group passed.
     */
    Result estimateMedian(int confTarget, double sufficient, double successThreshold, int bestHeight) {
        double nConf = 0;
        double totalNum = 0;
        int extraNum = 0;
        double failNum = 0;
        int periodTarget = (confTarget + scale - 1) / scale;
        int maxBucket = buckets.length - 1;
        int curNear = maxBucket;
        int bestNear = maxBucket;
        int curFar = maxBucket;
        int bestFar = maxBucket;
        double partialNum = 0;
        boolean foundAnswer = false;
        int bins = unconfirmed.length;
        boolean newRange = true;
        boolean passing = true;
        BucketRange pass = BucketRange.NONE;
        BucketRange fail = BucketRange.NONE;
        for (int b = maxBucket; b >= 0; b--) {
            if (newRange) {
                curNear = b;
                newRange = false;
            }
            curFar = b;
            nConf += confirmed[periodTarget - 1][b];
            partialNum += txCount[b];
            totalNum += txCount[b];
            failNum += failed[periodTarget - 1][b];
            for (int c = confTarget; c < maxConfirms(); c++) {
                extraNum += unconfirmed[Integer.remainderUnsigned(bestHeight - c, bins)][b];
            }
            extraNum += oldUnconfirmed[b];
            if (partialNum < sufficient / (1 - decay)) {
                continue;
            }
            partialNum = 0;
            double share = nConf / (totalNum + failNum + extraNum);
            if (share < successThreshold) {
                if (passing) {
                    fail = range(Math.min(curNear, curFar), Math.max(curNear, curFar), nConf, totalNum, extraNum,
                            failNum);
                    passing = false;
                }
                continue;
            }
            fail = BucketRange.NONE;
            foundAnswer = true;
            passing = true;
            pass = new BucketRange(-1, -1, nConf, totalNum, extraNum, failNum);
            nConf = 0;
            totalNum = 0;
            extraNum = 0;
            failNum = 0;
            bestNear = curNear;
            bestFar = curFar;
            newRange = true;
        }
        double median = -1;
        int lo = Math.min(bestNear, bestFar);
        int hi = Math.max(bestNear, bestFar);
        double txSum = 0;
        for (int b = lo; b <= hi; b++) {
            txSum += txCount[b];
        }
        if (foundAnswer && txSum != 0) {
            txSum /= 2;
            for (int b = lo; b <= hi; b++) {
                if (txCount[b] < txSum) {
                    txSum -= txCount[b];
                } else {
                    median = feeRateSum[b] / txCount[b];
                    break;
                }
            }
            pass = new BucketRange(lo > 0 ? buckets[lo - 1] : 0, buckets[hi], pass.withinTarget(), pass.totalConfirmed(),
                    pass.inMempool(), pass.leftMempool());
        }
        if (passing && !newRange) {
            // Passing until the last buckets, which held too little data: those are reported as failed.
            fail = range(Math.min(curNear, curFar), Math.max(curNear, curFar), nConf, totalNum, extraNum, failNum);
        }
        return new Result(median, pass, fail, decay, scale);
    }

    private BucketRange range(int lo, int hi, double within, double total, double inMempool, double left) {
        return new BucketRange(lo > 0 ? buckets[lo - 1] : 0, buckets[hi], within, total, inMempool, left);
    }

    /** Core's TxConfirmStats::Write: decay, scale, the rate sums, counts, confirmed and failed tables. */
    void write(ByteWriter w) {
        w.writeInt64(Double.doubleToRawLongBits(decay));
        w.writeUInt32(scale);
        writeDoubles(w, feeRateSum);
        writeDoubles(w, txCount);
        writeTable(w, confirmed);
        writeTable(w, failed);
    }

    /** Reads one horizon written by {@link #write} over {@code buckets}, with Core's sanity checks. */
    static ConfirmStats read(ByteReader r, double[] buckets) {
        double decay = Double.longBitsToDouble(r.readInt64("fee estimates decay"));
        if (!(decay > 0 && decay < 1)) {
            throw new DecodeException("Corrupt estimates file. Decay must be between 0 and 1 (non-inclusive)");
        }
        long scale = r.readUInt32("fee estimates scale");
        if (scale == 0) {
            throw new DecodeException("Corrupt estimates file. Scale must be non-zero");
        }
        double[] feeRateSum = readDoubles(r, "fee rate averages");
        if (feeRateSum.length != buckets.length) {
            throw new DecodeException("Corrupt estimates file. Mismatch in feerate average bucket count");
        }
        double[] txCount = readDoubles(r, "transaction counts");
        if (txCount.length != buckets.length) {
            throw new DecodeException("Corrupt estimates file. Mismatch in tx count bucket count");
        }
        double[][] confirmed = readTable(r, "confirmation averages", buckets.length);
        long maxConfirms = scale * confirmed.length;
        if (maxConfirms <= 0 || maxConfirms > 1008) {
            throw new DecodeException(
                    "Corrupt estimates file.  Must maintain estimates for between 1 and 1008 (one week) confirms");
        }
        for (double[] row : confirmed) {
            if (row.length != buckets.length) {
                throw new DecodeException("Corrupt estimates file. Mismatch in feerate conf average bucket count");
            }
        }
        double[][] failed = readTable(r, "failure averages", buckets.length);
        if (failed.length != confirmed.length) {
            throw new DecodeException("Corrupt estimates file. Mismatch in confirms tracked for failures");
        }
        for (double[] row : failed) {
            if (row.length != buckets.length) {
                throw new DecodeException("Corrupt estimates file. Mismatch in one of failure average bucket counts");
            }
        }
        return new ConfirmStats(buckets, decay, (int) scale, feeRateSum, txCount, confirmed, failed);
    }

    static void writeDoubles(ByteWriter w, double[] values) {
        w.writeCompactSize(values.length);
        for (double v : values) {
            w.writeInt64(Double.doubleToRawLongBits(v));
        }
    }

    private static void writeTable(ByteWriter w, double[][] table) {
        w.writeCompactSize(table.length);
        for (double[] row : table) {
            writeDoubles(w, row);
        }
    }

    static double[] readDoubles(ByteReader r, String what) {
        int n = r.readCount("fee estimates " + what, 8);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Double.longBitsToDouble(r.readInt64("fee estimates " + what));
        }
        return out;
    }

    private static double[][] readTable(ByteReader r, String what, int rowLength) {
        int n = r.readCount("fee estimates " + what, 1);
        if (n > 1008) {
            throw new DecodeException("Corrupt estimates file. " + n + " periods of " + what);
        }
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = readDoubles(r, what);
        }
        return out;
    }
}

package org.btcmp.node.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.Transaction;

/**
 * Fee estimates from what this node saw confirm (a simplified form of Core's
 * CBlockPolicyEstimator): each transaction that entered our mempool is filed in a fee-rate bucket
 * (buckets 10% apart) with the height it arrived at; when a block confirms it, the number of
 * blocks it waited is counted in its bucket. Counts decay by 0.998 per block. For a target of N
 * blocks, buckets are grouped from the highest rate down until a group holds enough transactions;
 * each group where at least the success threshold confirmed within N blocks (transactions still
 * waiting longer than N count as failures) passes, and the answer is the average rate of the
 * lowest passing group before the first failing one.
 */
public final class FeeEstimator implements ChainListener {
    /** Core's longest horizon: estimatesmartfee accepts targets up to this. */
    public static final int MAX_TARGET = 1008;
    static final double DECAY = 0.998;
    static final double MIN_BUCKET_RATE = 100;
    static final double MAX_BUCKET_RATE = 1e7;
    static final double SPACING = 1.1;
    /** Decayed transactions a bucket group needs before its success rate means anything. */
    static final double ENOUGH_DATA = 2.0;
    static final double ECONOMICAL_THRESHOLD = 0.85;
    static final double CONSERVATIVE_THRESHOLD = 0.95;

    /** An estimate: sat/kvB (0 when there is none) and the target it answers for. */
    public record Estimate(long feeRatePerKvB, int target) {
    }

    private record Tracked(int bucket, int height, double rate) {
    }

    private final Mempool mempool;
    private final double[] bounds;
    /** confirmed[b][y]: decayed count of bucket b's transactions confirmed after exactly y blocks (1..MAX). */
    private final double[][] confirmed;
    private final double[] resolved;
    private final double[] rateSum;
    private final Map<Hash256, Tracked> tracked = new HashMap<>();
    private int bestHeight = -1;

    public FeeEstimator(ChainState chain, Mempool mempool) {
        this.mempool = mempool;
        List<Double> b = new ArrayList<>();
        for (double r = MIN_BUCKET_RATE; r < MAX_BUCKET_RATE; r *= SPACING) {
            b.add(r);
        }
        bounds = b.stream().mapToDouble(Double::doubleValue).toArray();
        confirmed = new double[bounds.length][MAX_TARGET + 1];
        resolved = new double[bounds.length];
        rateSum = new double[bounds.length];
        mempool.onAdded(this::added);
        chain.addListener(this);
    }

    private int bucket(double rate) {
        int lo = 0;
        int hi = bounds.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (bounds[mid] <= rate) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private synchronized void added(Transaction tx) {
        Mempool.Entry e = mempool.get(tx.txid());
        if (e != null) {
            double rate = e.fee() * 1000.0 / e.vsize();
            tracked.put(tx.txid(), new Tracked(bucket(rate), e.height(), rate));
        }
    }

    @Override
    public synchronized void blockConnected(Block block, BlockIndex index) {
        if (index.height() <= bestHeight) {
            // A block again at a height we already counted (a reorg): its confirmations were counted once.
            bestHeight = index.height();
            return;
        }
        bestHeight = index.height();
        for (double[] row : confirmed) {
            for (int y = 1; y <= MAX_TARGET; y++) {
                row[y] *= DECAY;
            }
        }
        for (int b = 0; b < bounds.length; b++) {
            resolved[b] *= DECAY;
            rateSum[b] *= DECAY;
        }
        for (Transaction tx : block.transactions()) {
            Tracked t = tracked.remove(tx.txid());
            if (t == null) {
                continue;
            }
            int waited = index.height() - t.height();
            if (waited < 1 || waited > MAX_TARGET) {
                continue;
            }
            confirmed[t.bucket()][waited] += 1;
            resolved[t.bucket()] += 1;
            rateSum[t.bucket()] += t.rate();
        }
        // Transactions that left without confirming (replaced, evicted, expired) stop being tracked.
        tracked.keySet().removeIf(txid -> !mempool.contains(txid));
    }

    @Override
    public void blockDisconnected(Block block, BlockIndex index) {
        // Disconnected transactions re-enter the mempool and are tracked again from the new tip.
    }

    /** The estimate for confirming within {@code target} blocks (1 is answered as 2, as Core does). */
    public synchronized Estimate estimate(int target, boolean conservative) {
        int t = Math.max(2, Math.min(target, MAX_TARGET));
        double threshold = conservative ? CONSERVATIVE_THRESHOLD : ECONOMICAL_THRESHOLD;
        double[] waiting = new double[bounds.length];
        for (Tracked tr : tracked.values()) {
            if (bestHeight - tr.height() >= t) {
                waiting[tr.bucket()] += 1;
            }
        }
        double best = -1;
        double groupWithin = 0;
        double groupTotal = 0;
        double groupRates = 0;
        double groupCount = 0;
        for (int b = bounds.length - 1; b >= 0; b--) {
            for (int y = 1; y <= t; y++) {
                groupWithin += confirmed[b][y];
            }
            groupTotal += resolved[b] + waiting[b];
            groupRates += rateSum[b];
            groupCount += resolved[b];
            if (groupTotal < ENOUGH_DATA) {
                continue;
            }
            if (groupWithin / groupTotal < threshold) {
                break;
            }
            best = groupRates / groupCount;
            groupWithin = 0;
            groupTotal = 0;
            groupRates = 0;
            groupCount = 0;
        }
        return new Estimate(best < 0 ? 0 : Math.round(best), t);
    }
}

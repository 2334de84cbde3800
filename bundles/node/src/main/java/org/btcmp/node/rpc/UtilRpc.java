package org.btcmp.node.rpc;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.btcmp.node.chain.FeeEstimator;
import org.btcmp.node.chain.Mempool;

/** Core's estimatesmartfee, estimaterawfee and getindexinfo. */
final class UtilRpc {
    private final NodeContext node;

    private UtilRpc(NodeContext node) {
        this.node = node;
    }

    static void register(RpcTable t, NodeContext node) {
        UtilRpc r = new UtilRpc(node);
        t.register(new RpcMethod("estimatesmartfee", "util", List.of("conf_target", "estimate_mode"), 1,
                "Estimates the approximate fee per kilobyte needed for a transaction to begin confirmation within"
                        + " conf_target blocks if possible and return the number of blocks for which the estimate"
                        + " is valid.", r::estimateSmartFee));
        t.register(new RpcMethod("estimaterawfee", "hidden", List.of("conf_target", "threshold"), 1,
                "WARNING: This interface is unstable and may disappear or change! Estimates the approximate fee per"
                        + " kilobyte needed for a transaction to begin confirmation within conf_target blocks if"
                        + " possible, for each time horizon that tracks that target.", r::estimateRawFee));
        t.register(new RpcMethod("getindexinfo", "util", List.of("index_name"), 0,
                "Returns the status of one or all available indices currently running in the node.", r::indexInfo));
    }

    private Object indexInfo(Params p) throws RpcException {
        Map<String, Object> m = new LinkedHashMap<>();
        String only = p.has(0) ? p.str(0) : null;
        if (node.chain().hasTxIndex() && (only == null || only.equals("txindex"))) {
            org.btcmp.node.chain.BlockIndex best;
            try {
                best = node.chain().txIndexBest();
            } catch (java.io.IOException e) {
                throw new RpcException(RpcException.DATABASE_ERROR, e.getMessage());
            }
            Map<String, Object> tx = new LinkedHashMap<>();
            tx.put("synced", best != null && best == node.chain().tip());
            tx.put("best_block_height", best == null ? 0L : (long) best.height());
            m.put("txindex", tx);
        }
        return m;
    }

    /** Core's FeeModeFromString for estimatesmartfee: true for conservative. */
    static boolean conservative(Params p, int i) throws RpcException {
        String mode = p.has(i) ? p.str(i).toLowerCase(Locale.ROOT) : "unset";
        return switch (mode) {
            case "unset", "economical" -> false;
            case "conservative" -> true;
            default -> throw new RpcException(RpcException.INVALID_PARAMETER,
                    "Invalid estimate_mode parameter, must be one of: \"unset\", \"economical\", \"conservative\"");
        };
    }

    /** Core's ParseConfirmTarget: 1 to the long horizon's highest target. */
    private static int confTarget(Params p, int max) throws RpcException {
        long target = p.integer(0);
        if (target < 1 || target > max) {
            throw new RpcException(RpcException.INVALID_PARAMETER, "Invalid conf_target, must be between 1 and " + max);
        }
        return (int) target;
    }

    private Object estimateSmartFee(Params p) throws RpcException {
        FeeEstimator fees = node.mempool().feeEstimator();
        int target = confTarget(p, fees.highestTargetTracked(FeeEstimator.Horizon.LONG));
        boolean conservative = conservative(p, 1);
        Mempool mp = node.mempool();
        FeeEstimator.Estimate e = fees.estimate(target, conservative);
        Map<String, Object> m = new LinkedHashMap<>();
        if (e.feeRatePerKvB() > 0) {
            long rate = Math.max(e.feeRatePerKvB(), Math.max(mp.minFeePerKvB(), Mempool.MIN_RELAY_FEE_PER_KVB));
            m.put("feerate", RpcJson.amount(rate));
        } else {
            m.put("errors", List.of("Insufficient data or no feerate found"));
        }
        m.put("blocks", (long) e.target());
        return m;
    }

    private Object estimateRawFee(Params p) throws RpcException {
        FeeEstimator fees = node.mempool().feeEstimator();
        int target = confTarget(p, fees.highestTargetTracked(FeeEstimator.Horizon.LONG));
        double threshold = p.has(1) ? p.number(1).doubleValue() : 0.95;
        if (threshold < 0 || threshold > 1) {
            throw new RpcException(RpcException.INVALID_PARAMETER, "Invalid threshold");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (FeeEstimator.Horizon h : FeeEstimator.Horizon.values()) {
            if (target > fees.highestTargetTracked(h)) {
                continue;
            }
            FeeEstimator.Raw raw = fees.estimateRaw(target, threshold, h);
            Map<String, Object> m = new LinkedHashMap<>();
            if (raw.feeRatePerKvB() != 0) {
                m.put("feerate", RpcJson.amount(raw.feeRatePerKvB()));
                m.put("decay", number(raw.decay()));
                m.put("scale", (long) raw.scale());
                m.put("pass", range(raw.pass()));
                if (raw.fail().start() != -1) {
                    m.put("fail", range(raw.fail()));
                }
            } else {
                m.put("decay", number(raw.decay()));
                m.put("scale", (long) raw.scale());
                m.put("fail", range(raw.fail()));
                m.put("errors", List.of("Insufficient data or no feerate found which meets threshold"));
            }
            result.put(h.label(), m);
        }
        return result;
    }

    /** A bucket range as Core prints it: bounds rounded to whole sat/kvB, counts to two decimals. */
    private static Map<String, Object> range(FeeEstimator.BucketRange r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("startrange", number(roundAway(r.start())));
        m.put("endrange", number(roundAway(r.end())));
        m.put("withintarget", number(roundAway(r.withinTarget() * 100.0) / 100.0));
        m.put("totalconfirmed", number(roundAway(r.totalConfirmed() * 100.0) / 100.0));
        m.put("inmempool", number(roundAway(r.inMempool() * 100.0) / 100.0));
        m.put("leftmempool", number(roundAway(r.leftMempool() * 100.0) / 100.0));
        return m;
    }

    /** C's round(): halves away from zero. */
    private static double roundAway(double v) {
        return Math.signum(v) * Math.floor(Math.abs(v) + 0.5);
    }

    /** A JSON number for a double: integral values without a fraction, as Core's UniValue prints them. */
    private static BigDecimal number(double v) {
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}

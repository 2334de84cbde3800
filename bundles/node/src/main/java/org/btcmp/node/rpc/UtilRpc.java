package org.btcmp.node.rpc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.btcmp.node.chain.FeeEstimator;
import org.btcmp.node.chain.Mempool;

/** Core's estimatesmartfee and getindexinfo. */
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

    private Object estimateSmartFee(Params p) throws RpcException {
        long target = p.integer(0);
        if (target < 1 || target > FeeEstimator.MAX_TARGET) {
            throw new RpcException(RpcException.INVALID_PARAMETER, "Invalid conf_target, must be between 1 and "
                    + FeeEstimator.MAX_TARGET);
        }
        boolean conservative = conservative(p, 1);
        Mempool mp = node.mempool();
        FeeEstimator.Estimate e = mp.feeEstimator().estimate((int) target, conservative);
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
}

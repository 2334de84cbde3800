package org.btcmp.node.rpc;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The UTXO set recomputed by the test from {@code getblock <hash> 2} of every active block, using
 * only the JSON the node returns (no node code): what a crash must never corrupt.
 */
final class ChainRecomputation {
    /** An unspent output as seen in block JSON. */
    record Utxo(BigDecimal value, String scriptHex, boolean coinbase, long height) {
    }

    private final RpcClient rpc;
    private final Map<String, Map<String, Object>> blockCache = new HashMap<>();

    ChainRecomputation(RpcClient rpc) {
        this.rpc = rpc;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /** Walks heights 1..tip (the genesis output is unspendable) and replays spends and creations. */
    Map<String, Utxo> utxos() throws Exception {
        long tip = (Long) rpc.call("getblockcount", "[]");
        Map<String, Utxo> set = new LinkedHashMap<>();
        for (long h = 1; h <= tip; h++) {
            String hash = (String) rpc.call("getblockhash", "[" + h + "]");
            Map<String, Object> block = blockCache.get(hash);
            if (block == null) {
                block = map(rpc.call("getblock", "[\"" + hash + "\", 2]"));
                blockCache.put(hash, block);
            }
            for (Object txo : (List<?>) block.get("tx")) {
                Map<String, Object> tx = map(txo);
                boolean coinbase = false;
                for (Object ino : (List<?>) tx.get("vin")) {
                    Map<String, Object> in = map(ino);
                    if (in.containsKey("coinbase")) {
                        coinbase = true;
                    } else {
                        String key = in.get("txid") + ":" + in.get("vout");
                        if (set.remove(key) == null) {
                            throw new AssertionError("block " + hash + " spends unknown or spent " + key);
                        }
                    }
                }
                for (Object outo : (List<?>) tx.get("vout")) {
                    Map<String, Object> out = map(outo);
                    String hex = (String) map(out.get("scriptPubKey")).get("hex");
                    if (hex.startsWith("6a")) {
                        continue; // OP_RETURN outputs never enter the UTXO set
                    }
                    set.put(tx.get("txid") + ":" + out.get("n"),
                            new Utxo(new BigDecimal(out.get("value").toString()), hex, coinbase, h));
                }
            }
        }
        return set;
    }

    /** Asserts the node's own UTXO view equals the recomputed set (count, total, every coin). */
    void assertNodeAgrees(Map<String, Utxo> set) throws Exception {
        Map<String, Object> info = map(rpc.call("gettxoutsetinfo", "[]"));
        if ((Long) info.get("txouts") != set.size()) {
            throw new AssertionError("node reports " + info.get("txouts") + " coins, blocks imply " + set.size());
        }
        BigDecimal total = set.values().stream().map(Utxo::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (new BigDecimal(info.get("total_amount").toString()).compareTo(total) != 0) {
            throw new AssertionError("node total " + info.get("total_amount") + " != recomputed " + total);
        }
        for (Map.Entry<String, Utxo> e : set.entrySet()) {
            String[] k = e.getKey().split(":");
            Object r = rpc.call("gettxout", "[\"" + k[0] + "\", " + k[1] + ", false]");
            if (r == null || r == Json.NULL) {
                throw new AssertionError("coin " + e.getKey() + " missing from the node's UTXO set");
            }
            if (new BigDecimal(map(r).get("value").toString()).compareTo(e.getValue().value()) != 0) {
                throw new AssertionError("coin " + e.getKey() + " has the wrong value");
            }
        }
    }
}

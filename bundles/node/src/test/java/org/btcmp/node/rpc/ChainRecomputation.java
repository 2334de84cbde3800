package org.btcmp.node.rpc;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.btcmp.common.json.Json;

/**
 * The UTXO set recomputed by the test from {@code getblock <hash> 2} of every active block, using
 * only the JSON the node returns (no node code): what a crash must never corrupt. It is kept
 * across node restarts and brought forward (or back, on a reorg) block by block, remembering the
 * coins those blocks touched so a check asks the node only about them plus one
 * {@code gettxoutsetinfo} whose count, total and serialized hash cover the whole set.
 */
final class ChainRecomputation {
    /** An unspent output as seen in block JSON. */
    record Utxo(BigDecimal value, String scriptHex, boolean coinbase, long height) {
    }

    /** What one block did to the set, to undo it when the node's chain no longer has it. */
    private record Delta(Map<String, Utxo> spent, List<String> created) {
    }

    private final List<String> hashes = new ArrayList<>(List.of("genesis"));
    private final List<Delta> deltas = new ArrayList<>(List.of(new Delta(Map.of(), List.of())));
    private final Map<String, Utxo> set = new LinkedHashMap<>();
    private final Set<String> touched = new HashSet<>();
    private long fetched;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /** Blocks fetched with getblock so far (the cost of the recomputation). */
    long blocksFetched() {
        return fetched;
    }

    /**
     * Brings the set to the node's tip: leaves blocks the node's active chain no longer has, then
     * replays the new ones (heights 1..tip; the genesis output is unspendable). Returns the set.
     */
    Map<String, Utxo> sync(RpcClient rpc) throws Exception {
        long tip = (Long) rpc.call("getblockcount", "[]");
        int common = (int) Math.min(tip, hashes.size() - 1);
        while (common > 0 && !rpc.call("getblockhash", "[" + common + "]").equals(hashes.get(common))) {
            common--;
        }
        while (hashes.size() - 1 > common) {
            Delta d = deltas.remove(deltas.size() - 1);
            hashes.remove(hashes.size() - 1);
            for (String k : d.created()) {
                set.remove(k);
                touched.add(k);
            }
            set.putAll(d.spent());
            touched.addAll(d.spent().keySet());
        }
        for (long h = common + 1; h <= tip; h++) {
            String hash = (String) rpc.call("getblockhash", "[" + h + "]");
            apply(h, hash, map(rpc.call("getblock", "[\"" + hash + "\", 2]")));
        }
        return set;
    }

    private void apply(long h, String hash, Map<String, Object> block) {
        fetched++;
        Map<String, Utxo> spent = new LinkedHashMap<>();
        List<String> created = new ArrayList<>();
        for (Object txo : (List<?>) block.get("tx")) {
            Map<String, Object> tx = map(txo);
            boolean coinbase = false;
            for (Object ino : (List<?>) tx.get("vin")) {
                Map<String, Object> in = map(ino);
                if (in.containsKey("coinbase")) {
                    coinbase = true;
                } else {
                    String key = in.get("txid") + ":" + in.get("vout");
                    Utxo u = set.remove(key);
                    if (u == null) {
                        throw new AssertionError("block " + hash + " spends unknown or spent " + key);
                    }
                    if (!created.remove(key)) {
                        spent.put(key, u);
                    }
                    touched.add(key);
                }
            }
            for (Object outo : (List<?>) tx.get("vout")) {
                Map<String, Object> out = map(outo);
                String hex = (String) map(out.get("scriptPubKey")).get("hex");
                if (hex.startsWith("6a")) {
                    continue; // OP_RETURN outputs never enter the UTXO set
                }
                String key = tx.get("txid") + ":" + out.get("n");
                set.put(key, new Utxo(new BigDecimal(out.get("value").toString()), hex, coinbase, h));
                created.add(key);
                touched.add(key);
            }
        }
        hashes.add(hash);
        deltas.add(new Delta(spent, created));
    }

    /**
     * Asserts the node agrees with the recomputed set: every coin touched since the last check is
     * present with its value and script (or absent when spent), and gettxoutsetinfo's count, total
     * and hash_serialized_3 equal the test's own over the whole set.
     */
    void assertNodeAgrees(RpcClient rpc) throws Exception {
        for (String key : touched) {
            String[] k = key.split(":");
            Object r = rpc.call("gettxout", "[\"" + k[0] + "\", " + k[1] + ", false]");
            Utxo u = set.get(key);
            boolean present = r != null && r != Json.NULL;
            if (u == null && present) {
                throw new AssertionError("coin " + key + " is spent in the blocks but the node still has it");
            }
            if (u != null && !present) {
                throw new AssertionError("coin " + key + " missing from the node's UTXO set");
            }
            if (u != null && (new BigDecimal(map(r).get("value").toString()).compareTo(u.value()) != 0
                    || !u.scriptHex().equals(map(map(r).get("scriptPubKey")).get("hex")))) {
                throw new AssertionError("coin " + key + " has the wrong value or script");
            }
        }
        touched.clear();
        Map<String, Object> info = map(rpc.call("gettxoutsetinfo", "[]"));
        if (!hashes.get(hashes.size() - 1).equals(info.get("bestblock")) && hashes.size() > 1) {
            throw new AssertionError("gettxoutsetinfo is at " + info.get("bestblock") + ", blocks at "
                    + hashes.get(hashes.size() - 1));
        }
        if ((Long) info.get("txouts") != set.size()) {
            throw new AssertionError("node reports " + info.get("txouts") + " coins, blocks imply " + set.size());
        }
        BigDecimal total = set.values().stream().map(Utxo::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (new BigDecimal(info.get("total_amount").toString()).compareTo(total) != 0) {
            throw new AssertionError("node total " + info.get("total_amount") + " != recomputed " + total);
        }
        String hash = serializedHash();
        if (!hash.equals(info.get("hash_serialized_3"))) {
            throw new AssertionError("node hash_serialized_3 " + info.get("hash_serialized_3") + " != recomputed "
                    + hash);
        }
    }

    /**
     * Core's hash_serialized_3 of the set, computed here from its definition: coins ordered by txid
     * (as stored, i.e. byte-reversed display hex) then index, each serialized as outpoint, height*2 +
     * coinbase (uint32), value (int64) and script (compact size + bytes), all double SHA-256, shown reversed.
     */
    String serializedHash() throws Exception {
        List<Map.Entry<byte[], Long>> order = new ArrayList<>();
        Map<byte[], String> keys = new HashMap<>();
        for (String key : set.keySet()) {
            String[] k = key.split(":");
            byte[] txid = reverse(hex(k[0]));
            order.add(Map.entry(txid, Long.parseLong(k[1])));
            keys.put(txid, key);
        }
        order.sort(Comparator.<Map.Entry<byte[], Long>, byte[]>comparing(Map.Entry::getKey, Arrays::compareUnsigned)
                .thenComparing(Map.Entry::getValue));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Map.Entry<byte[], Long> e : order) {
            Utxo u = set.get(keys.get(e.getKey()).split(":")[0] + ":" + e.getValue());
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(e.getKey());
            le(b, e.getValue(), 4);
            le(b, u.height() * 2 + (u.coinbase() ? 1 : 0), 4);
            le(b, u.value().movePointRight(8).longValueExact(), 8);
            byte[] script = hex(u.scriptHex());
            if (script.length < 253) {
                b.write(script.length);
            } else {
                b.write(253);
                le(b, script.length, 2);
            }
            b.write(script);
            sha.update(b.toByteArray());
        }
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(sha.digest());
        StringBuilder s = new StringBuilder();
        for (byte x : reverse(hash)) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }

    private static void le(ByteArrayOutputStream b, long v, int n) {
        for (int i = 0; i < n; i++) {
            b.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }
}

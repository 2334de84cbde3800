package org.btcmp.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.btcmp.common.args.ChainType;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.NodeConfig;
import org.btcmp.node.NodeOptions;
import org.btcmp.node.chain.TestKey;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.Hex;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxOut;
import org.btcmp.primitives.script.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * estimatesmartfee and estimaterawfee over RPC from transactions that really went through the
 * mempool into mined blocks, Core's answers without data, and fee_estimates.dat across restarts
 * (stale files ignored unless -acceptstalefeeestimates).
 */
class FeeEstimationRpcTest {
    private static final TestKey KEY = new TestKey("fee-estimation-rpc");
    private static final String ADDRESS = Address.fromScript(KEY.script, ChainParams.of(ChainType.REGTEST))
            .orElseThrow();
    private static final long EACH = 1_000_000;
    private static final long FEE = 3_000;

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private BitcoinNode start(NodeOptions options) throws Exception {
        return BitcoinNode.start(NodeConfig.regtest(dir, -1).withOptions(options));
    }

    private RpcClient rpc(BitcoinNode node) throws Exception {
        return RpcClient.withCookie(node.rpcPort(), dir.resolve("regtest/.cookie"));
    }

    private static Map<String, Object> error(RpcClient rpc, String method, String params) throws Exception {
        RpcClient.Response r = rpc.post("{\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":1}");
        return map(map(r.json()).get("error"));
    }

    @Test
    void withoutDataEveryHorizonSaysSo() throws Exception {
        try (BitcoinNode node = start(NodeOptions.DEFAULTS)) {
            RpcClient rpc = rpc(node);
            assertEquals(Map.of("errors", List.of("Insufficient data or no feerate found"), "blocks", 0L),
                    rpc.call("estimatesmartfee", "[6]"));
            Map<String, Object> raw = map(rpc.call("estimaterawfee", "[2]"));
            assertEquals(List.of("short", "medium", "long"), new ArrayList<>(raw.keySet()));
            Map<String, Object> shortTerm = map(raw.get("short"));
            assertEquals(List.of("decay", "scale", "fail", "errors"), new ArrayList<>(shortTerm.keySet()));
            assertEquals(0, new BigDecimal("0.962").compareTo((BigDecimal) shortTerm.get("decay")));
            assertEquals(1L, shortTerm.get("scale"));
            assertEquals(List.of("Insufficient data or no feerate found which meets threshold"),
                    shortTerm.get("errors"));
            assertEquals(24L, map(raw.get("long")).get("scale"));
            assertEquals(List.of("medium", "long"), new ArrayList<>(map(rpc.call("estimaterawfee", "[13]")).keySet()));
            assertEquals(List.of("long"), new ArrayList<>(map(rpc.call("estimaterawfee", "[49, 0.5]")).keySet()));

            Map<String, Object> bad = error(rpc, "estimaterawfee", "[0]");
            assertEquals(-8L, bad.get("code"));
            assertEquals("Invalid conf_target, must be between 1 and 1008", bad.get("message"));
            assertEquals("Invalid conf_target, must be between 1 and 1008",
                    error(rpc, "estimatesmartfee", "[1009]").get("message"));
            bad = error(rpc, "estimaterawfee", "[2, 1.5]");
            assertEquals(-8L, bad.get("code"));
            assertEquals("Invalid threshold", bad.get("message"));
            assertEquals(-3L, error(rpc, "estimaterawfee", "[2, \"high\"]").get("code"));
        }
    }

    @Test
    void estimatesFromMinedTransactionsSurviveRestartsUnlessStale() throws Exception {
        long lowest;
        long highest;
        Path file = dir.resolve("regtest/fee_estimates.dat");
        try (BitcoinNode node = start(NodeOptions.DEFAULTS)) {
            RpcClient rpc = rpc(node);
            rpc.call("generatetoaddress", "[101, \"" + ADDRESS + "\"]");
            String h1 = (String) rpc.call("getblockhash", "[1]");
            Hash256 cb = Hash256.fromHex((String) ((List<?>) map(rpc.call("getblock", "[\"" + h1 + "\", 1]"))
                    .get("tx")).get(0));
            List<TxOut> outs = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                outs.add(new TxOut(EACH, KEY.script));
            }
            outs.add(new TxOut(50_00000000L - 150 * EACH - 100_000, KEY.script));
            Transaction fan = KEY.spend(List.of(new OutPoint(cb, 0)), List.of(50_00000000L), outs);
            rpc.call("sendrawtransaction", "[\"" + Hex.encode(fan.toBytes()) + "\"]");
            rpc.call("generatetoaddress", "[1, \"" + ADDRESS + "\"]");
            lowest = Long.MAX_VALUE;
            highest = 0;
            for (int round = 0; round < 15; round++) {
                for (int i = 0; i < 10; i++) {
                    Transaction tx = KEY.spend(new OutPoint(fan.txid(), round * 10 + i), EACH, EACH - FEE, KEY.script);
                    rpc.call("sendrawtransaction", "[\"" + Hex.encode(tx.toBytes()) + "\"]");
                    long rate = FEE * 1000 / tx.vsize();
                    lowest = Math.min(lowest, rate);
                    highest = Math.max(highest, rate);
                }
                rpc.call("generatetoaddress", "[1, \"" + ADDRESS + "\"]");
            }
            assertEquals(List.of(), rpc.call("getrawmempool", "[]"));
            long economical = satsPerKvB(rpc.call("estimatesmartfee", "[2]"), 2);
            assertTrue(economical >= lowest && economical <= highest, economical + " within " + lowest + ".." + highest);
            assertEquals(economical, satsPerKvB(rpc.call("estimatesmartfee", "[2, \"conservative\"]"), 2));
            assertEquals(7L, map(rpc.call("estimatesmartfee", "[1008]")).get("blocks"),
                    "15 blocks of history allow targets up to 7");
            Map<String, Object> shortTerm = map(map(rpc.call("estimaterawfee", "[1]")).get("short"));
            assertEquals(BigDecimal.valueOf(economical, 8), shortTerm.get("feerate"));
            Map<String, Object> pass = map(shortTerm.get("pass"));
            assertEquals(pass.get("totalconfirmed"), pass.get("withintarget"), "all confirmed in the next block");
            assertEquals("0", pass.get("leftmempool").toString());
        }
        String log = Files.readString(dir.resolve("regtest/debug.log"));
        assertTrue(log.contains(file + " is not found. Continue anyway."), log);
        assertTrue(log.contains("Flushed fee estimates to fee_estimates.dat."), log);
        long saved = estimateAfterRestart(NodeOptions.DEFAULTS);
        assertTrue(saved >= lowest && saved <= highest);

        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 61 * 3_600_000L));
        assertEquals(saved, estimateAfterRestart(NodeOptions.DEFAULTS.withAcceptStaleFeeEstimates(true)));
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 61 * 3_600_000L));
        try (BitcoinNode node = start(NodeOptions.DEFAULTS)) {
            assertEquals(Map.of("errors", List.of("Insufficient data or no feerate found"), "blocks", 0L),
                    rpc(node).call("estimatesmartfee", "[2]"));
        }
        assertTrue(Files.readString(dir.resolve("regtest/debug.log")).contains("Fee estimation file " + file
                + " too old (age=61 > 60 hours) and will not be used to avoid serving stale estimates."));
        assertFalse(Files.exists(dir.resolve("regtest/fee_estimates.dat.new")));
    }

    private long estimateAfterRestart(NodeOptions options) throws Exception {
        try (BitcoinNode node = start(options)) {
            return satsPerKvB(rpc(node).call("estimatesmartfee", "[2]"), 2);
        }
    }

    /** The feerate of an estimatesmartfee answer in sat/kvB, checking the target it names. */
    private static long satsPerKvB(Object answer, long blocks) {
        Map<String, Object> m = map(answer);
        assertEquals(blocks, m.get("blocks"), m.toString());
        return ((BigDecimal) m.get("feerate")).movePointRight(8).longValueExact();
    }
}

package org.btcmp.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.NodeConfig;
import org.btcmp.node.NodeOptions;
import org.btcmp.node.chain.TestKey;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.Hex;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.script.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * -txindex with getrawtransaction and getindexinfo across restarts and reorgs; getdeploymentinfo;
 * getrpcinfo; logging.
 */
class IndexAndDeploymentRpcTest {
    private static final TestKey KEY = new TestKey("index-rpc");
    private static final String ADDRESS = Address.fromScript(KEY.script, org.btcmp.primitives.ChainParams.of(ChainType.REGTEST)).orElseThrow();
    private static final String NO_INDEX = "No such mempool transaction. Use -txindex or provide a block hash to"
            + " enable blockchain transaction queries. Use gettransaction for wallet transactions.";
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private BitcoinNode start(boolean txindex) throws Exception {
        return BitcoinNode.start(NodeConfig.regtest(dir, -1).withOptions(NodeOptions.DEFAULTS.withTxIndex(txindex)));
    }

    private RpcClient rpc(BitcoinNode node) throws Exception {
        return RpcClient.withCookie(node.rpcPort(), dir.resolve("regtest/.cookie"));
    }

    private static Map<String, Object> error(RpcClient rpc, String method, String params) throws Exception {
        return map(map(rpc.post("{\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":1}").json())
                .get("error"));
    }

    /** Sends a spend of the coinbase at {@code height} (mature) and mines it; returns the txid. */
    private static String spendAndMine(RpcClient rpc, int height) throws Exception {
        String h = (String) rpc.call("getblockhash", "[" + height + "]");
        String cb = (String) ((List<?>) map(rpc.call("getblock", "[\"" + h + "\", 1]")).get("tx")).get(0);
        Transaction tx = KEY.spend(new OutPoint(Hash256.fromHex(cb), 0), 50_00000000L, 49_99990000L, KEY.script);
        String txid = (String) rpc.call("sendrawtransaction", "[\"" + Hex.encode(tx.toBytes()) + "\"]");
        rpc.call("generatetoaddress", "[1, \"" + ADDRESS + "\"]");
        return txid;
    }

    @Test
    void txIndexFindsConfirmedTransactionsAndCatchesUpAfterBeingOff() throws Exception {
        String first;
        String second;
        try (BitcoinNode node = start(true)) {
            RpcClient rpc = rpc(node);
            rpc.call("generatetoaddress", "[101, \"" + ADDRESS + "\"]");
            first = spendAndMine(rpc, 1);
            Map<String, Object> tx = map(rpc.call("getrawtransaction", "[\"" + first + "\", 1]"));
            assertEquals(rpc.call("getbestblockhash", "[]"), tx.get("blockhash"));
            assertEquals(1L, tx.get("confirmations"));
            assertFalse(tx.containsKey("in_active_chain"), "only reported when a block hash was given");
            Map<String, Object> missing = error(rpc, "getrawtransaction", "[\"" + "ab".repeat(32) + "\"]");
            assertEquals(-5L, missing.get("code"));
            assertEquals("No such mempool or blockchain transaction. Use gettransaction for wallet transactions.",
                    missing.get("message"));
            assertEquals(Map.of("txindex", Map.of("synced", true, "best_block_height", 102L)),
                    rpc.call("getindexinfo", "[]"));
            assertEquals(Map.of(), rpc.call("getindexinfo", "[\"coinstatsindex\"]"));

            // A reorg leaves the transaction in the mempool; the index follows the tip back.
            String tip = (String) rpc.call("getbestblockhash", "[]");
            rpc.call("invalidateblock", "[\"" + tip + "\"]");
            assertEquals(List.of(first), rpc.call("getrawmempool", "[]"));
            assertFalse(map(rpc.call("getrawtransaction", "[\"" + first + "\", 1]")).containsKey("blockhash"));
            assertEquals(101L, map(map(rpc.call("getindexinfo", "[]")).get("txindex")).get("best_block_height"));
            rpc.call("reconsiderblock", "[\"" + tip + "\"]");
            assertEquals(tip, map(rpc.call("getrawtransaction", "[\"" + first + "\", true]")).get("blockhash"));
        }
        try (BitcoinNode node = start(false)) {
            RpcClient rpc = rpc(node);
            Map<String, Object> e = error(rpc, "getrawtransaction", "[\"" + first + "\"]");
            assertEquals(-5L, e.get("code"));
            assertEquals(NO_INDEX, e.get("message"));
            assertEquals(Map.of(), rpc.call("getindexinfo", "[]"));
            second = spendAndMine(rpc, 2);
            rpc.call("generatetoaddress", "[2, \"" + ADDRESS + "\"]");
        }
        try (BitcoinNode node = start(true)) {
            RpcClient rpc = rpc(node);
            assertEquals(Map.of("txindex", Map.of("synced", true, "best_block_height", 105L)),
                    rpc.call("getindexinfo", "[]"), "caught up at startup");
            assertEquals(3L, map(rpc.call("getrawtransaction", "[\"" + second + "\", 1]")).get("confirmations"));
            assertEquals(4L, map(rpc.call("getrawtransaction", "[\"" + first + "\", 1]")).get("confirmations"));
        }
    }

    @Test
    void deploymentInfoFollowsRegtestParameters() throws Exception {
        try (BitcoinNode node = start(false)) {
            RpcClient rpc = rpc(node);
            rpc.call("generatetoaddress", "[143, \"" + ADDRESS + "\"]");
            Map<String, Object> info = map(rpc.call("getdeploymentinfo", "[]"));
            assertEquals(143L, info.get("height"));
            Map<String, Object> d = map(info.get("deployments"));
            assertEquals(List.of("bip34", "bip66", "bip65", "csv", "segwit", "testdummy", "taproot"),
                    List.copyOf(d.keySet()));
            assertEquals(Map.of("type", "buried", "active", true, "height", 1L), d.get("bip34"));
            assertEquals(Map.of("type", "buried", "active", true, "height", 0L), d.get("segwit"));
            Map<String, Object> taproot = map(d.get("taproot"));
            assertEquals(0L, taproot.get("height"));
            assertEquals(true, taproot.get("active"));
            assertEquals("active", map(taproot.get("bip9")).get("status"));
            assertEquals(-1L, map(taproot.get("bip9")).get("start_time"));
            Map<String, Object> dummy = map(map(d.get("testdummy")).get("bip9"));
            assertEquals("defined", dummy.get("status"));
            assertEquals("started", dummy.get("status_next"), "the next block opens the second period");
            assertFalse(dummy.containsKey("statistics"));

            rpc.call("generatetoaddress", "[2, \"" + ADDRESS + "\"]");
            dummy = map(map(map(map(rpc.call("getdeploymentinfo", "[]")).get("deployments")).get("testdummy"))
                    .get("bip9"));
            assertEquals("started", dummy.get("status"));
            assertEquals(144L, dummy.get("since"));
            assertEquals(28L, dummy.get("bit"));
            assertEquals(Map.of("period", 144L, "elapsed", 2L, "count", 0L, "threshold", 108L, "possible", true),
                    dummy.get("statistics"));
            assertEquals("--", dummy.get("signalling"), "our miner does not signal bit 28");

            String h1 = (String) rpc.call("getblockhash", "[1]");
            assertEquals(1L, map(rpc.call("getdeploymentinfo", "[\"" + h1 + "\"]")).get("height"));
            assertEquals(-5L, error(rpc, "getdeploymentinfo", "[\"" + "00".repeat(32) + "\"]").get("code"));
        }
    }

    @Test
    void rpcInfoListsTheRunningCommandAndTheLogPath() throws Exception {
        try (BitcoinNode node = start(false)) {
            Map<String, Object> info = map(rpc(node).call("getrpcinfo", "[]"));
            List<?> active = (List<?>) info.get("active_commands");
            assertEquals(1, active.size());
            assertEquals("getrpcinfo", map(active.get(0)).get("method"));
            assertTrue((Long) map(active.get(0)).get("duration") >= 0);
            assertEquals(dir.resolve("regtest/debug.log").toAbsolutePath().toString(), info.get("logpath"));
        }
    }

    @Test
    void loggingCategoriesDecideWhichDebugLinesAreWritten() throws Exception {
        try (BitcoinNode node = start(false)) {
            RpcClient rpc = rpc(node);
            rpc.call("generatetoaddress", "[102, \"" + ADDRESS + "\"]");
            assertEquals(false, map(rpc.call("logging", "[]")).get("mempool"));
            String quiet = spendAndMine(rpc, 1);
            Map<String, Object> after = map(rpc.call("logging", "[[\"mempool\"]]"));
            assertEquals(true, after.get("mempool"));
            assertEquals(false, after.get("net"));
            String loud = spendAndMine(rpc, 2);
            String log = java.nio.file.Files.readString(dir.resolve("regtest/debug.log"));
            assertFalse(log.contains("accepted " + quiet), "mempool lines were off");
            assertTrue(log.contains("[mempool] AcceptToMemoryPool: accepted " + loud), log);
            assertEquals(false, map(rpc.call("logging", "[[], [\"all\"]]")).get("mempool"));
            Map<String, Object> bad = error(rpc, "logging", "[[\"bogus\"]]");
            assertEquals(-8L, bad.get("code"));
            assertEquals("unknown logging category bogus", bad.get("message"));
        }
    }
}

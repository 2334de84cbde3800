package org.btcmp.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
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

/** getmempoolinfo with -maxmempool, savemempool and mempool.dat across restarts, estimatesmartfee's errors. */
class MempoolRpcTest {
    private static final TestKey KEY = new TestKey("mempool-rpc");
    private static final String ADDRESS = Address.fromScript(KEY.script, org.btcmp.primitives.ChainParams.of(ChainType.REGTEST)).orElseThrow();
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

    /** Mines 101 blocks to the key and sends a spend of the first coinbase; returns its txid. */
    private static String sendOne(RpcClient rpc) throws Exception {
        rpc.call("generatetoaddress", "[101, \"" + ADDRESS + "\"]");
        String h1 = (String) rpc.call("getblockhash", "[1]");
        String cb = (String) ((List<?>) map(rpc.call("getblock", "[\"" + h1 + "\", 1]")).get("tx")).get(0);
        Transaction tx = KEY.spend(new OutPoint(Hash256.fromHex(cb), 0), 50_00000000L, 49_99990000L, KEY.script);
        return (String) rpc.call("sendrawtransaction", "[\"" + Hex.encode(tx.toBytes()) + "\"]");
    }

    @Test
    void mempoolSurvivesARestartThroughMempoolDat() throws Exception {
        String txid;
        try (BitcoinNode node = start(NodeOptions.DEFAULTS.withMaxMempoolMB(5))) {
            RpcClient rpc = rpc(node);
            Map<String, Object> info = map(rpc.call("getmempoolinfo", "[]"));
            assertEquals(true, info.get("loaded"));
            assertEquals(5_000_000L, info.get("maxmempool"));
            assertEquals(0, new BigDecimal("0.00000100").compareTo(new BigDecimal(info.get("mempoolminfee").toString())));
            txid = sendOne(rpc);
            Map<String, Object> saved = map(rpc.call("savemempool", "[]"));
            assertEquals(dir.resolve("regtest/mempool.dat").toString(), saved.get("filename"));
            assertTrue(Files.size(dir.resolve("regtest/mempool.dat")) > 100);
            Files.delete(dir.resolve("regtest/mempool.dat"));
        }
        assertTrue(Files.exists(dir.resolve("regtest/mempool.dat")), "written again at shutdown");
        try (BitcoinNode node = start(NodeOptions.DEFAULTS)) {
            assertEquals(List.of(txid), rpc(node).call("getrawmempool", "[]"));
            assertTrue(Files.readString(dir.resolve("regtest/debug.log")).contains(
                    "Imported mempool transactions from disk: 1 succeeded, 0 failed, 0 expired, 0 already there"));
        }
        Files.delete(dir.resolve("regtest/mempool.dat"));
        try (BitcoinNode node = start(NodeOptions.DEFAULTS.withPersistMempool(false))) {
            assertEquals(List.of(), rpc(node).call("getrawmempool", "[]"), "nothing loaded: the file is gone");
            assertEquals(true, map(rpc(node).call("getmempoolinfo", "[]")).get("loaded"));
        }
        assertFalse(Files.exists(dir.resolve("regtest/mempool.dat")), "-persistmempool=0 writes nothing at shutdown");
    }

    @Test
    void aCorruptMempoolDatCostsOnlyTheMempool() throws Exception {
        String txid;
        try (BitcoinNode node = start(NodeOptions.DEFAULTS.withPersistMempoolV1(true))) {
            txid = sendOne(rpc(node));
        }
        Path file = dir.resolve("regtest/mempool.dat");
        byte[] saved = Files.readAllBytes(file);
        assertEquals(1, saved[0], "-persistmempoolv1 writes version 1");
        Files.write(file, java.util.Arrays.copyOf(saved, saved.length - 30));
        try (BitcoinNode node = start(NodeOptions.DEFAULTS)) {
            RpcClient rpc = rpc(node);
            assertEquals(List.of(), rpc.call("getrawmempool", "[]"), "nothing from the truncated file");
            assertEquals(101L, rpc.call("getblockcount", "[]"), "the chain is untouched");
            assertEquals(true, map(rpc.call("getmempoolinfo", "[]")).get("loaded"));
            String log = Files.readString(dir.resolve("regtest/debug.log"));
            assertTrue(log.matches("(?s).*Failed to deserialize mempool data on file: [^\\n]* at offset \\d+.*"), log);
            assertTrue(log.contains(". Continuing anyway."), log);
            // The node keeps serving: the same transaction is accepted again from RPC.
            assertEquals(txid, rpc.call("sendrawtransaction", "[\"" + rawOf(rpc, txid, saved) + "\"]"));
        }
        assertEquals(2, Files.readAllBytes(file)[0], "the next shutdown writes a good version 2 file");
        try (BitcoinNode node = start(NodeOptions.DEFAULTS)) {
            assertEquals(List.of(txid), rpc(node).call("getrawmempool", "[]"));
        }
    }

    /** The raw transaction stored in a version 1 mempool.dat holding one entry (it follows version and count). */
    private static String rawOf(RpcClient rpc, String txid, byte[] v1File) {
        Transaction tx = Transaction.read(new org.btcmp.primitives.ByteReader(
                java.util.Arrays.copyOfRange(v1File, 16, v1File.length)));
        assertEquals(txid, tx.txid().toString());
        return Hex.encode(tx.toBytes());
    }

    @Test
    void mempoolEntriesDescribeTheirRelativesAsCore() throws Exception {
        try (BitcoinNode node = start(NodeOptions.DEFAULTS)) {
            RpcClient rpc = rpc(node);
            String parent = sendOne(rpc);
            Transaction child = KEY.spend(new OutPoint(Hash256.fromHex(parent), 0), 49_99990000L, 49_99970000L,
                    KEY.script);
            String childId = (String) rpc.call("sendrawtransaction", "[\"" + Hex.encode(child.toBytes()) + "\"]");
            Map<String, Object> p = map(rpc.call("getmempoolentry", "[\"" + parent + "\"]"));
            Map<String, Object> c = map(rpc.call("getmempoolentry", "[\"" + childId + "\"]"));
            assertEquals(List.of("vsize", "weight", "time", "height", "descendantcount", "descendantsize",
                    "ancestorcount", "ancestorsize", "wtxid", "fees", "depends", "spentby", "bip125-replaceable",
                    "unbroadcast"), new java.util.ArrayList<>(p.keySet()));
            long pv = (Long) p.get("vsize");
            long cv = (Long) c.get("vsize");
            assertEquals(2L, p.get("descendantcount"));
            assertEquals(pv + cv, p.get("descendantsize"));
            assertEquals(1L, p.get("ancestorcount"));
            assertEquals(pv, p.get("ancestorsize"));
            assertEquals(2L, c.get("ancestorcount"));
            assertEquals(pv + cv, c.get("ancestorsize"));
            assertEquals(cv, c.get("descendantsize"));
            Map<String, Object> pf = map(p.get("fees"));
            Map<String, Object> cf = map(c.get("fees"));
            assertEquals(new BigDecimal("0.00010000"), pf.get("base"));
            assertEquals(new BigDecimal("0.00030000"), pf.get("descendant"));
            assertEquals(new BigDecimal("0.00010000"), pf.get("ancestor"));
            assertEquals(new BigDecimal("0.00030000"), cf.get("ancestor"));
            assertEquals(new BigDecimal("0.00020000"), cf.get("descendant"));
            assertEquals(List.of(childId), p.get("spentby"));
            assertEquals(List.of(), c.get("spentby"));
            assertEquals(List.of(parent), c.get("depends"));
            assertEquals(c, map(map(rpc.call("getrawmempool", "[true]")).get(childId)));
        }
    }

    @Test
    void estimateSmartFeeAnswersInCoreShape() throws Exception {
        try (BitcoinNode node = start(NodeOptions.DEFAULTS)) {
            RpcClient rpc = rpc(node);
            Map<String, Object> none = map(rpc.call("estimatesmartfee", "[6]"));
            assertEquals(List.of("Insufficient data or no feerate found"), none.get("errors"));
            assertEquals(0L, none.get("blocks"), "Core names target 0 while it has no history");
            assertEquals(0L, map(rpc.call("estimatesmartfee", "[1, \"CONSERVATIVE\"]")).get("blocks"));
            Map<String, Object> bad = error(rpc, "estimatesmartfee", "[0]");
            assertEquals(-8L, bad.get("code"));
            assertEquals("Invalid conf_target, must be between 1 and 1008", bad.get("message"));
            bad = error(rpc, "estimatesmartfee", "[2, \"fast\"]");
            assertEquals(-8L, bad.get("code"));
            assertEquals("Invalid estimate_mode parameter, must be one of: \"unset\", \"economical\", \"conservative\"",
                    bad.get("message"));
            assertEquals(-3L, error(rpc, "estimatesmartfee", "[\"two\"]").get("code"));
        }
    }
}

package org.btcmp.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.btcmp.common.args.ChainType;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.NodeConfig;
import org.btcmp.node.chain.TestKey;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.Hex;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.script.Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** testmempoolaccept, generateblock, getmininginfo, getchaintips, help and uptime in Core's shapes and words. */
class AcceptAndMiningRpcTest {
    private static final TestKey KEY = new TestKey("accept-and-mining");
    private static final String ADDRESS = Address.fromScript(KEY.script, ChainParams.of(ChainType.REGTEST))
            .orElseThrow();

    @TempDir
    Path dir;
    BitcoinNode node;
    RpcClient rpc;

    @BeforeEach
    void start() throws Exception {
        node = BitcoinNode.start(NodeConfig.regtest(dir, -1));
        rpc = RpcClient.withCookie(node.rpcPort(), dir.resolve("regtest/.cookie"));
        rpc.call("generatetoaddress", "[101, \"" + ADDRESS + "\"]");
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private Map<String, Object> error(String method, String params) throws Exception {
        RpcClient.Response r = rpc.post("{\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":1}");
        return map(map(r.json()).get("error"));
    }

    private OutPoint coinbase(int height) throws Exception {
        String h = (String) rpc.call("getblockhash", "[" + height + "]");
        String txid = (String) ((List<?>) map(rpc.call("getblock", "[\"" + h + "\", 1]")).get("tx")).get(0);
        return new OutPoint(Hash256.fromHex(txid), 0);
    }

    private static String hex(Transaction tx) {
        return "\"" + Hex.encode(tx.toBytes()) + "\"";
    }

    @Test
    void testMempoolAcceptAnswersPerTransactionWithoutAddingIt() throws Exception {
        Transaction good = KEY.spend(coinbase(1), 50_00000000L, 50_00000000L - 10_000, KEY.script);
        Map<String, Object> ok = map(((List<?>) rpc.call("testmempoolaccept", "[[" + hex(good) + "]]")).get(0));
        assertEquals(List.of("txid", "wtxid", "allowed", "vsize", "fees"), new ArrayList<>(ok.keySet()));
        assertEquals(good.txid().toString(), ok.get("txid"));
        assertEquals(true, ok.get("allowed"));
        assertEquals((long) good.vsize(), ok.get("vsize"));
        Map<String, Object> fees = map(ok.get("fees"));
        assertEquals(new BigDecimal("0.00010000"), fees.get("base"));
        assertEquals(BigDecimal.valueOf(10_000L * 1000 / good.vsize(), 8), fees.get("effective-feerate"));
        assertEquals(List.of(good.wtxid().toString()), fees.get("effective-includes"));
        assertEquals(List.of(), rpc.call("getrawmempool", "[]"), "only tested");

        Transaction free = KEY.spend(coinbase(2), 50_00000000L, 50_00000000L, KEY.script);
        Map<String, Object> no = map(((List<?>) rpc.call("testmempoolaccept", "[[" + hex(free) + "]]")).get(0));
        assertEquals(false, no.get("allowed"));
        assertEquals("min relay fee not met", no.get("reject-reason"));
        assertTrue(((String) no.get("reject-details")).startsWith("min relay fee not met, 0 < "), no.toString());

        Map<String, Object> capped = map(((List<?>) rpc.call("testmempoolaccept", "[[" + hex(good) + "], 0.00001]"))
                .get(0));
        assertEquals("max-fee-exceeded", capped.get("reject-reason"));

        Map<String, Object> empty = error("testmempoolaccept", "[[]]");
        assertEquals(-8L, empty.get("code"));
        assertEquals("Array must contain between 1 and 25 transactions.", empty.get("message"));
        assertEquals(-22L, error("testmempoolaccept", "[[\"00\"]]").get("code"));
    }

    @Test
    void testMempoolAcceptValidatesSeveralTransactionsAsAPackage() throws Exception {
        Transaction parent = KEY.spend(coinbase(1), 50_00000000L, 50_00000000L - 10_000, KEY.script);
        long in = parent.outputs().get(0).value();
        Transaction child = KEY.spend(new OutPoint(parent.txid(), 0), in, in - 10_000, KEY.script);
        List<?> both = (List<?>) rpc.call("testmempoolaccept", "[[" + hex(parent) + "," + hex(child) + "]]");
        assertEquals(true, map(both.get(0)).get("allowed"));
        assertEquals(true, map(both.get(1)).get("allowed"), both.toString());
        assertEquals(List.of(child.wtxid().toString()), map(map(both.get(1)).get("fees")).get("effective-includes"));

        List<?> unsorted = (List<?>) rpc.call("testmempoolaccept", "[[" + hex(child) + "," + hex(parent) + "]]");
        for (Object o : unsorted) {
            assertEquals(List.of("txid", "wtxid", "package-error"), new ArrayList<>(map(o).keySet()));
            assertEquals("package-not-sorted", map(o).get("package-error"));
        }

        Map<String, Object> orphan = map(((List<?>) rpc.call("testmempoolaccept", "[[" + hex(child) + "]]")).get(0));
        assertEquals(List.of("txid", "wtxid", "allowed", "reject-reason"), new ArrayList<>(orphan.keySet()));
        assertEquals("missing-inputs", orphan.get("reject-reason"));

        List<?> capped = (List<?>) rpc.call("testmempoolaccept", "[[" + hex(parent) + "," + hex(child) + "], 0.00001]");
        assertEquals("max-fee-exceeded", map(capped.get(0)).get("reject-reason"));
        assertEquals(List.of("txid", "wtxid"), new ArrayList<>(map(capped.get(1)).keySet()),
                "after a transaction over maxfeerate, the rest are not reported");
        assertEquals(List.of(), rpc.call("getrawmempool", "[]"));
    }

    @Test
    void submitPackageLetsAChildPayForItsParent() throws Exception {
        Transaction parent = KEY.spend(coinbase(1), 50_00000000L, 50_00000000L, KEY.script);
        long in = parent.outputs().get(0).value();
        Transaction child = KEY.spend(new OutPoint(parent.txid(), 0), in, in - 20_000, KEY.script);
        Map<String, Object> r = map(rpc.call("submitpackage", "[[" + hex(parent) + "," + hex(child) + "]]"));
        assertEquals(List.of("package_msg", "tx-results", "replaced-transactions"), new ArrayList<>(r.keySet()));
        assertEquals("success", r.get("package_msg"));
        Map<String, Object> p = map(map(r.get("tx-results")).get(parent.wtxid().toString()));
        assertEquals(List.of("txid", "vsize", "fees"), new ArrayList<>(p.keySet()));
        Map<String, Object> fees = map(p.get("fees"));
        assertEquals(new BigDecimal("0.00000000"), fees.get("base"));
        assertEquals(BigDecimal.valueOf(20_000L * 1000 / (parent.vsize() + child.vsize()), 8),
                fees.get("effective-feerate"));
        assertEquals(List.of(parent.wtxid().toString(), child.wtxid().toString()), fees.get("effective-includes"));
        assertEquals(2, ((List<?>) rpc.call("getrawmempool", "[]")).size());

        Transaction lone = KEY.spend(coinbase(2), 50_00000000L, 50_00000000L - 1000, KEY.script);
        Map<String, Object> bad = error("submitpackage", "[[" + hex(lone) + "," + hex(child) + "]]");
        assertEquals(-25L, bad.get("code"));
        assertEquals("package topology disallowed. not child-with-parents or parents depend on each other.",
                bad.get("message"));
    }

    @Test
    void generateBlockMinesChosenTransactionsOrOnlyBuildsThem() throws Exception {
        Transaction tx = KEY.spend(coinbase(1), 50_00000000L, 50_00000000L - 10_000, KEY.script);
        rpc.call("sendrawtransaction", "[" + hex(tx) + "]");
        Map<String, Object> unsent = map(rpc.call("generateblock", "[\"" + ADDRESS + "\", [], false]"));
        assertEquals(List.of("hash", "hex"), new ArrayList<>(unsent.keySet()));
        assertEquals(101L, rpc.call("getblockcount", "[]"), "submit=false leaves the chain alone");

        Map<String, Object> mined = map(rpc.call("generateblock", "[\"" + ADDRESS + "\", [\"" + tx.txid() + "\"]]"));
        assertEquals(List.of("hash"), new ArrayList<>(mined.keySet()));
        Map<String, Object> block = map(rpc.call("getblock", "[\"" + mined.get("hash") + "\", 1]"));
        assertEquals(2, ((List<?>) block.get("tx")).size());
        assertEquals(tx.txid().toString(), ((List<?>) block.get("tx")).get(1));
        assertEquals(List.of(), rpc.call("getrawmempool", "[]"));

        Map<String, Object> missing = error("generateblock", "[\"" + ADDRESS + "\", [\"" + "00".repeat(32) + "\"]]");
        assertEquals(-5L, missing.get("code"));
        assertEquals("Transaction " + "00".repeat(32) + " not in mempool.", missing.get("message"));
        Map<String, Object> bad = error("generateblock", "[\"" + ADDRESS + "\", [\"zz\"]]");
        assertEquals(-22L, bad.get("code"));
        assertEquals("Transaction decode failed for zz. Make sure the tx has at least one input.", bad.get("message"));
    }

    @Test
    void miningInfoChainTipsHelpAndUptime() throws Exception {
        Map<String, Object> info = map(rpc.call("getmininginfo", "[]"));
        assertEquals(101L, info.get("blocks"));
        assertEquals("207fffff", info.get("bits"));
        assertEquals("regtest", info.get("chain"));
        assertEquals(0L, info.get("pooledtx"));
        Map<String, Object> next = map(info.get("next"));
        assertEquals(102L, next.get("height"));
        assertEquals("207fffff", next.get("bits"));
        assertEquals(info.get("target"), next.get("target"));

        String tip = (String) rpc.call("getbestblockhash", "[]");
        rpc.call("invalidateblock", "[\"" + tip + "\"]");
        // A later clock, so the new block at height 101 differs from the invalidated one.
        rpc.call("setmocktime", "[" + (System.currentTimeMillis() / 1000 + 100) + "]");
        rpc.call("generatetoaddress", "[2, \"" + ADDRESS + "\"]");
        List<?> tips = (List<?>) rpc.call("getchaintips", "[]");
        assertEquals(2, tips.size());
        Map<String, Object> active = map(tips.get(0));
        assertEquals(102L, active.get("height"));
        assertEquals("active", active.get("status"));
        assertEquals(0L, active.get("branchlen"));
        Map<String, Object> invalid = map(tips.get(1));
        assertEquals(tip, invalid.get("hash"));
        assertEquals(101L, invalid.get("height"));
        assertEquals(1L, invalid.get("branchlen"));
        assertEquals("invalid", invalid.get("status"));

        String help = (String) rpc.call("help", "[]");
        assertTrue(help.contains("== Blockchain ==") && help.contains("\ngetblockcount\n"), help);
        assertFalse(help.contains("== Hidden ==") || help.contains("setmocktime"), help);
        assertTrue(((String) rpc.call("help", "[\"setmocktime\"]")).startsWith("setmocktime"));
        assertTrue(((String) rpc.call("help", "[\"estimatesmartfee\"]")).startsWith("estimatesmartfee \"conf_target\""));
        assertEquals("help: unknown command: nosuch", rpc.call("help", "[\"nosuch\"]"));
        long uptime = (Long) rpc.call("uptime", "[]");
        assertTrue(uptime >= 0 && uptime < 600, "seconds since this node started: " + uptime);
    }
}

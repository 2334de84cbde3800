package org.btcmp.wallet.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.btcmp.common.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mining to a wallet, paying another, and every view of it (balances, coins, history) through RPC. */
class WalletRpcSendTest {
    private static final String A = "/wallet/alice";
    private static final String B = "/wallet/bob";

    @TempDir
    Path dir;
    NodeWithWallets n;

    @BeforeEach
    void start() throws Exception {
        n = new NodeWithWallets(dir, 0);
        n.call("createwallet", "[\"alice\"]");
        n.call("createwallet", "[\"bob\"]");
        String mined = (String) n.call(A, "getnewaddress", "[\"coinbase\"]");
        n.call("generatetoaddress", "[101, \"" + mined + "\"]");
    }

    @AfterEach
    void stop() throws Exception {
        n.close();
    }

    private static BigDecimal btc(String s) {
        return new BigDecimal(s);
    }

    @Test
    void sendToAddressThenEveryViewAgrees() throws Exception {
        Map<?, ?> balances = (Map<?, ?>) n.call(A, "getbalances", "[]");
        assertEquals(Map.of("trusted", btc("50.00000000"), "untrusted_pending", btc("0.00000000"),
                "immature", btc("5000.00000000")), balances.get("mine"));
        assertEquals(101L, ((Map<?, ?>) balances.get("lastprocessedblock")).get("height"));

        String bobAddress = (String) n.call(B, "getnewaddress", "[\"from alice\", \"bech32m\"]");
        String txid = (String) n.call(A, "sendtoaddress",
                "{\"address\":\"" + bobAddress + "\",\"amount\":1.5,\"fee_rate\":10}");
        assertEquals(64, txid.length());

        Map<?, ?> sent = (Map<?, ?>) n.call(A, "gettransaction", "[\"" + txid + "\"]");
        BigDecimal fee = (BigDecimal) sent.get("fee");
        assertTrue(fee.signum() < 0, "Core reports a send's fee as negative: " + fee);
        assertEquals(btc("-1.50000000"), sent.get("amount"));
        assertEquals(0L, sent.get("confirmations"));
        assertEquals(true, sent.get("trusted"));
        assertEquals("yes", sent.get("bip125-replaceable"));
        List<?> details = (List<?>) sent.get("details");
        assertEquals(1, details.size(), "change is left out: " + details);
        Map<?, ?> d = (Map<?, ?>) details.get(0);
        assertEquals("send", d.get("category"));
        assertEquals(bobAddress, d.get("address"));
        assertEquals(btc("-1.50000000"), d.get("amount"));
        assertEquals(fee, d.get("fee"));
        assertTrue(((String) sent.get("hex")).length() > 100);

        Map<?, ?> received = (Map<?, ?>) n.call(B, "gettransaction", "{\"txid\":\"" + txid + "\"}");
        assertEquals(btc("1.50000000"), received.get("amount"));
        assertFalse(received.containsKey("fee"));
        Map<?, ?> r = (Map<?, ?>) ((List<?>) received.get("details")).get(0);
        assertEquals("receive", r.get("category"));
        assertEquals("from alice", r.get("label"));
        assertEquals(btc("0.00000000"), n.call(B, "getbalance", "[]"));
        assertEquals(Map.of("trusted", btc("0.00000000"), "untrusted_pending", btc("1.50000000"),
                "immature", btc("0.00000000")), ((Map<?, ?>) n.call(B, "getbalances", "[]")).get("mine"));
        assertEquals(List.of(), n.call(B, "listunspent", "[]"), "minconf defaults to 1");
        List<?> pending = (List<?>) n.call(B, "listunspent", "[0]");
        assertEquals(1, pending.size());
        assertEquals(false, ((Map<?, ?>) pending.get(0)).get("safe"));

        n.call("generatetoaddress", "[1, \"" + n.call(B, "getnewaddress", "[]") + "\"]");
        Map<?, ?> confirmed = (Map<?, ?>) n.call(B, "gettransaction", "[\"" + txid + "\"]");
        assertEquals(1L, confirmed.get("confirmations"));
        assertEquals(1L, confirmed.get("blockindex"), "after the coinbase: "
                + n.call("getblock", "[\"" + confirmed.get("blockhash") + "\"]"));
        assertEquals(102L, confirmed.get("blockheight"));
        assertEquals(btc("1.50000000"), n.call(B, "getbalance", "[]"));
        assertEquals(btc("1.50000000"), n.call(B, "getbalance", "{\"minconf\":1}"));
        assertEquals(btc("0E-8"), n.call(B, "getbalance", "[\"*\", 2]"));

        List<?> bobHistory = (List<?>) n.call(B, "listtransactions", "[]");
        assertEquals(2, bobHistory.size(), "the payment and the immature coinbase: " + bobHistory);
        Map<?, ?> last = (Map<?, ?>) bobHistory.get(1);
        assertEquals("immature", last.get("category"));
        List<?> aliceHistory = (List<?>) n.call(A, "listtransactions", "[\"*\", 3]");
        assertEquals(3, aliceHistory.size());
        assertEquals("send", ((Map<?, ?>) aliceHistory.get(2)).get("category"));
        List<?> labelled = (List<?>) n.call(B, "listtransactions", "[\"from alice\"]");
        assertEquals(1, labelled.size());

        String block101 = (String) n.call("getblockhash", "[101]");
        Map<?, ?> since = (Map<?, ?>) n.call(B, "listsinceblock", "[\"" + block101 + "\"]");
        assertEquals(2, ((List<?>) since.get("transactions")).size());
        assertEquals(n.call("getbestblockhash", "[]"), since.get("lastblock"));
        String paymentBlock = (String) confirmed.get("blockhash");
        n.call("invalidateblock", "[\"" + paymentBlock + "\"]");
        n.call("generatetoaddress", "[2, \"" + n.call(A, "getnewaddress", "[]") + "\"]");
        Map<?, ?> afterReorg = (Map<?, ?>) n.call(B, "listsinceblock", "[\"" + paymentBlock + "\"]");
        List<?> removed = (List<?>) afterReorg.get("removed");
        assertEquals(2, removed.size(), "the payment and bob's coinbase left the active chain: " + removed);
        assertTrue(removed.stream().anyMatch(e -> txid.equals(((Map<?, ?>) e).get("txid"))));
        assertEquals(List.of(), ((Map<?, ?>) n.call(B, "listsinceblock", "{\"blockhash\":\"" + paymentBlock
                + "\",\"include_removed\":false}")).get("removed"));
        NodeWithWallets.Failure noBlock = assertThrows(NodeWithWallets.Failure.class,
                () -> n.call(B, "listsinceblock", "[\"" + "00".repeat(32) + "\"]"));
        assertEquals(-5, noBlock.code);
        assertEquals("Block not found", noBlock.text());
    }

    @Test
    void sendManyAndSendPayEveryRecipient() throws Exception {
        String b1 = (String) n.call(B, "getnewaddress", "[]");
        String b2 = (String) n.call(B, "getnewaddress", "[]");
        String many = (String) n.call(A, "sendmany", "[\"\", {\"" + b1 + "\": 1, \"" + b2 + "\": \"2.5\"}, 0, \"\", [],"
                + " true, null, null, 5]");
        String viaSend = (String) ((Map<?, ?>) n.call(A, "send", "{\"outputs\":[{\"" + b1 + "\": 0.25}],"
                + "\"fee_rate\":3}")).get("txid");
        n.call("generatetoaddress", "[1, \"" + b1 + "\"]");
        assertEquals(btc("3.75000000"), n.call(B, "getbalance", "[]"));
        assertEquals(1L, ((Map<?, ?>) n.call(B, "gettransaction", "[\"" + many + "\"]")).get("confirmations"));
        assertEquals(1L, ((Map<?, ?>) n.call(B, "gettransaction", "[\"" + viaSend + "\"]")).get("confirmations"));
        assertEquals(-8, assertThrows(NodeWithWallets.Failure.class,
                () -> n.call(A, "sendmany", "[\"x\", {\"" + b1 + "\": 1}]")).code);
        assertEquals(-8, assertThrows(NodeWithWallets.Failure.class, () -> n.call(A, "sendtoaddress",
                "{\"address\":\"" + b1 + "\",\"amount\":1,\"fee_rate\":5,\"conf_target\":3}")).code);
        NodeWithWallets.Failure noEstimate = assertThrows(NodeWithWallets.Failure.class, () -> n.call(A,
                "sendtoaddress", "{\"address\":\"" + b1 + "\",\"amount\":1}"));
        assertEquals(-4, noEstimate.code, "no fee rate, settxfee or -fallbackfee, and two confirmed sends are "
                + "too little history for the node's estimator: " + noEstimate.getMessage());
        assertEquals(true, n.call(A, "settxfee", "[0.0002]"));
        assertEquals(btc("0.00020000"), ((Map<?, ?>) n.call(A, "getwalletinfo", "[]")).get("paytxfee"));
        Map<?, ?> verbose = (Map<?, ?>) n.call(A, "sendtoaddress", "{\"address\":\"" + b1 + "\",\"amount\":1,"
                + "\"verbose\":true}");
        assertEquals("PayTxFee set", verbose.get("fee_reason"));
        assertEquals(-8, assertThrows(NodeWithWallets.Failure.class, () -> n.call(A, "settxfee", "[0.00000001]")).code);
    }

    @Test
    void lockedCoinsAreNotSpent() throws Exception {
        List<?> coins = (List<?>) n.call(A, "listunspent", "[]");
        assertEquals(1, coins.size());
        Map<?, ?> coin = (Map<?, ?>) coins.get(0);
        String outpoint = "[{\"txid\":\"" + coin.get("txid") + "\",\"vout\":" + coin.get("vout") + "}]";
        assertEquals(true, n.call(A, "lockunspent", "[false, " + outpoint + "]"));
        assertEquals(List.of(Map.of("txid", coin.get("txid"), "vout", coin.get("vout"))),
                n.call(A, "listlockunspent", "[]"));
        assertEquals(List.of(), n.call(A, "listunspent", "[]"));
        String b = (String) n.call(B, "getnewaddress", "[]");
        NodeWithWallets.Failure poor = assertThrows(NodeWithWallets.Failure.class,
                () -> n.call(A, "sendtoaddress", "{\"address\":\"" + b + "\",\"amount\":1,\"fee_rate\":2}"));
        assertEquals(-6, poor.code);
        assertEquals("Insufficient funds", poor.text());
        NodeWithWallets.Failure twice = assertThrows(NodeWithWallets.Failure.class,
                () -> n.call(A, "lockunspent", "[false, " + outpoint + "]"));
        assertEquals("Invalid parameter, output already locked", twice.text());
        n.call(A, "unloadwallet", "[]");
        n.call("loadwallet", "[\"alice\"]");
        assertEquals(List.of(), n.call(A, "listlockunspent", "[]"), "a lock without persistent lasts until unload");
        assertEquals(true, n.call(A, "lockunspent", "{\"unlock\":false,\"transactions\":" + outpoint
                + ",\"persistent\":true}"));
        n.call(A, "unloadwallet", "[]");
        n.call("loadwallet", "[\"alice\"]");
        assertEquals(1, ((List<?>) n.call(A, "listlockunspent", "[]")).size(), "a persistent lock is kept in the file");
        assertEquals(true, n.call(A, "lockunspent", "[true]"));
        assertEquals(List.of(), n.call(A, "listlockunspent", "[]"));
        n.call(A, "unloadwallet", "[]");
        n.call("loadwallet", "[\"alice\"]");
        assertEquals(List.of(), n.call(A, "listlockunspent", "[]"), "unlocking removed it from the file");
        n.call(A, "sendtoaddress", "{\"address\":\"" + b + "\",\"amount\":1,\"fee_rate\":2}");
    }

    @Test
    void descriptorsBackupAndImport() throws Exception {
        Map<?, ?> listed = (Map<?, ?>) n.call(A, "listdescriptors", "[]");
        assertEquals("alice", listed.get("wallet_name"));
        List<?> descriptors = (List<?>) listed.get("descriptors");
        assertEquals(8, descriptors.size());
        Map<?, ?> first = (Map<?, ?>) descriptors.get(0);
        assertTrue(((String) first.get("desc")).contains("#"), "with checksum: " + first);
        List<?> privateOnes = (List<?>) ((Map<?, ?>) n.call(A, "listdescriptors", "[true]")).get("descriptors");
        String tprv = privateOnes.stream().map(o -> (String) ((Map<?, ?>) o).get("desc"))
                .filter(s -> s.startsWith("wpkh(") && s.contains("/0/*")).findFirst().orElseThrow();
        assertTrue(tprv.contains("tprv"), tprv);

        Path backup = dir.resolve("alice-backup.dat");
        assertTrue(Json.isNull(n.call(A, "backupwallet", "[\"" + backup + "\"]")));
        Path restored = n.walletsDir.resolve("restored");
        Files.createDirectories(restored);
        Files.copy(backup, restored.resolve("wallet.dat"));
        n.call("loadwallet", "[\"restored\"]");
        assertEquals(btc("50.00000000"), n.call("/wallet/restored", "getbalance", "[]"));
        assertEquals(descriptors, ((Map<?, ?>) n.call("/wallet/restored", "listdescriptors", "[]")).get("descriptors"));

        n.call("createwallet", "[\"importer\"]");
        List<?> results = (List<?>) n.call("/wallet/importer", "importdescriptors", "[[{\"desc\":\"" + tprv + "\","
                + "\"timestamp\":0,\"active\":false,\"range\":[0,5]}, {\"desc\":\"wpkh(nonsense)\",\"timestamp\":\"now\"},"
                + " {\"desc\":\"" + tprv + "\"}]]");
        assertEquals(Map.of("success", true), results.get(0));
        Map<?, ?> bad = (Map<?, ?>) results.get(1);
        assertEquals(false, bad.get("success"));
        assertEquals(-5L, ((Map<?, ?>) bad.get("error")).get("code"));
        assertEquals(-3L, ((Map<?, ?>) ((Map<?, ?>) results.get(2)).get("error")).get("code"), "timestamp is required");
        assertEquals(btc("50.00000000"), n.call("/wallet/importer", "getbalance", "[]"),
                "the rescan from the timestamp found alice's coinbase");

        n.call("createwallet", "{\"wallet_name\":\"blank\",\"blank\":true}");
        assertEquals(true, ((Map<?, ?>) n.call("/wallet/blank", "getwalletinfo", "[]")).get("blank"));
        NodeWithWallets.Failure noKeys = assertThrows(NodeWithWallets.Failure.class,
                () -> n.call("/wallet/blank", "getnewaddress", "[]"));
        assertEquals(-12, noKeys.code);
        assertEquals("Error: No bech32 addresses available.", noKeys.text());
        assertEquals(List.of(Map.of("success", true)), n.call("/wallet/blank", "importdescriptors",
                "[[{\"desc\":\"" + tprv + "\",\"timestamp\":\"now\",\"active\":true,\"range\":[0,5]}]]"));
        String firstCoin = (String) ((Map<?, ?>) ((List<?>) n.call(A, "listunspent", "[]")).get(0)).get("address");
        assertEquals(firstCoin, n.call("/wallet/blank", "getnewaddress", "[]"), "index 0 of alice's receive descriptor");
        assertEquals(false, ((Map<?, ?>) n.call("/wallet/blank", "getwalletinfo", "[]")).get("blank"));
    }
}

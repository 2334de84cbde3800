package org.btcmp.wallet.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core's FundTransaction options in fundrawtransaction, walletcreatefundedpsbt and send: preselected
 * inputs, add_inputs, minconf/maxconf, include_unsafe, change address/type/position, lock_unspents and
 * input weights, with Core's errors; and fee_reason as Core names it.
 */
class WalletRpcFundOptionsTest {
    private static final String A = "/wallet/alice";
    private static final String B = "/wallet/bob";

    @TempDir
    Path dir;
    NodeWithWallets n;
    String bob;

    @BeforeEach
    void start() throws Exception {
        n = new NodeWithWallets(dir, 2_000); // -fallbackfee 2 sat/vB
        n.call("createwallet", "[\"alice\"]");
        n.call("createwallet", "[\"bob\"]");
        n.call("generatetoaddress", "[103, \"" + n.call(A, "getnewaddress", "[]") + "\"]");
        bob = (String) n.call(B, "getnewaddress", "[]");
    }

    @AfterEach
    void stop() throws Exception {
        n.close();
    }

    private NodeWithWallets.Failure fails(String path, String method, String params) {
        return assertThrows(NodeWithWallets.Failure.class, () -> n.call(path, method, params));
    }

    private void failsWith(int code, String message, String method, String params) {
        NodeWithWallets.Failure f = fails(A, method, params);
        assertEquals(message, f.text());
        assertEquals(code, f.code);
    }

    /** Alice's confirmed coins as {"txid":..,"vout":..} objects, largest first. */
    private List<Map<?, ?>> coins() throws Exception {
        List<?> all = (List<?>) n.call(A, "listunspent", "[]");
        return all.stream().<Map<?, ?>>map(o -> (Map<?, ?>) o).sorted((x, y) -> ((java.math.BigDecimal) y.get("amount"))
                .compareTo((java.math.BigDecimal) x.get("amount"))).toList();
    }

    private static String input(Map<?, ?> coin) {
        return "{\"txid\":\"" + coin.get("txid") + "\",\"vout\":" + coin.get("vout") + "}";
    }

    private static Transaction tx(String hex) {
        return Transaction.fromBytes(HexFormat.of().parseHex(hex));
    }

    @Test
    void fundRawTransactionAddsInputsAndChangeWhereAsked() throws Exception {
        String raw = (String) n.call("createrawtransaction", "[[], {\"" + bob + "\": 1}]");
        String change = (String) n.call(A, "getrawchangeaddress", "[]");
        Map<?, ?> funded = (Map<?, ?>) n.call(A, "fundrawtransaction", "[\"" + raw + "\", {\"changeAddress\":\""
                + change + "\",\"changePosition\":0,\"lockUnspents\":true,\"fee_rate\":3}]");
        Transaction tx = tx((String) funded.get("hex"));
        assertEquals(0L, funded.get("changepos"));
        assertEquals(2, tx.outputs().size());
        Map<?, ?> info = (Map<?, ?>) n.call(A, "getaddressinfo", "[\"" + change + "\"]");
        assertEquals(info.get("scriptPubKey"), HexFormat.of().formatHex(tx.outputs().get(0).scriptPubKey().bytes()));
        assertEquals(0L, tx.lockTime(), "fundrawtransaction keeps the raw transaction's lock time");
        List<?> locked = (List<?>) n.call(A, "listlockunspent", "[]");
        assertEquals(tx.inputs().size(), locked.size(), "lockUnspents locked every chosen coin: " + locked);
        Map<?, ?> signed = (Map<?, ?>) n.call(A, "signrawtransactionwithwallet", "[\"" + funded.get("hex") + "\"]");
        assertEquals(true, signed.get("complete"));
        n.call("sendrawtransaction", "[\"" + signed.get("hex") + "\"]");

        failsWith(-8, "changePosition out of bounds", "fundrawtransaction", "[\"" + raw + "\", {\"changePosition\":2}]");
        failsWith(-8, "Cannot specify both change address and address type options", "fundrawtransaction",
                "[\"" + raw + "\", {\"change_address\":\"" + change + "\",\"change_type\":\"bech32\"}]");
        failsWith(-5, "Unknown change type 'p2pk'", "fundrawtransaction", "[\"" + raw + "\", {\"change_type\":\"p2pk\"}]");
        failsWith(-5, "Change address must be a valid bitcoin address", "fundrawtransaction",
                "[\"" + raw + "\", {\"changeAddress\":\"nope\"}]");
        failsWith(-3, "Unexpected key colour", "fundrawtransaction", "[\"" + raw + "\", {\"colour\":1}]");
        failsWith(-3, "JSON value of type string for field minconf is not of expected type number",
                "fundrawtransaction", "[\"" + raw + "\", {\"minconf\":\"1\"}]");
        failsWith(-8, "Negative minconf", "fundrawtransaction", "[\"" + raw + "\", {\"minconf\":-1}]");
        failsWith(-8, "maxconf can't be lower than minconf: 1 < 2", "fundrawtransaction",
                "[\"" + raw + "\", {\"minconf\":2,\"maxconf\":1}]");
        failsWith(-4, "Insufficient funds", "fundrawtransaction", "[\"" + raw + "\", {\"minconf\":500}]");
        failsWith(-4, "The preselected coins total amount does not cover the transaction target. Please allow other"
                + " inputs to be automatically selected or include more coins manually", "fundrawtransaction",
                "[\"" + raw + "\", {\"add_inputs\":false}]");
        failsWith(-22, "TX decode failed", "fundrawtransaction", "[\"00zz\"]");
        String change2 = (String) ((Map<?, ?>) n.call(A, "fundrawtransaction", "[\"" + raw + "\", {\"change_type\":"
                + "\"bech32m\",\"fee_rate\":3}]")).get("hex");
        assertTrue(tx(change2).outputs().stream().anyMatch(o -> o.scriptPubKey().isP2TR()), "bech32m change");
    }

    @Test
    void sendSpendsPreselectedInputsFirstAndOnlyThemUnlessAsked() throws Exception {
        List<Map<?, ?>> coins = coins();
        Map<?, ?> small = coins.get(coins.size() - 1);
        Map<?, ?> sent = (Map<?, ?>) n.call(A, "send", "{\"outputs\":{\"" + bob + "\":1},\"fee_rate\":2,"
                + "\"options\":{\"inputs\":[" + input(small) + "],\"change_position\":1,\"locktime\":7}}");
        Transaction tx = tx((String) n.call("getrawtransaction", "[\"" + sent.get("txid") + "\"]"));
        assertEquals(1, tx.inputs().size(), "the preselected coin covers the payment, so it is alone");
        TxIn in = tx.inputs().get(0);
        assertEquals(small.get("txid"), in.prevout().txid().toString());
        assertEquals(0xfffffffdL, in.sequence());
        assertEquals(7L, tx.lockTime(), "the locktime option, not anti-fee-sniping");
        assertEquals(1L, tx.outputs().get(0).value() / 100_000_000L, "change went to position 1");

        Map<?, ?> another = coins().get(0);
        failsWith(-4, "The preselected coins total amount does not cover the transaction target. Please allow other"
                + " inputs to be automatically selected or include more coins manually", "send",
                "{\"outputs\":{\"" + bob + "\":60},\"fee_rate\":2,\"options\":{\"inputs\":[" + input(another) + "]}}");
        Map<?, ?> more = (Map<?, ?>) n.call(A, "send", "{\"outputs\":{\"" + bob + "\":60},\"fee_rate\":2,"
                + "\"options\":{\"inputs\":[" + input(another) + "],\"add_inputs\":true}}");
        Transaction both = tx((String) n.call("getrawtransaction", "[\"" + more.get("txid") + "\"]"));
        assertTrue(both.inputs().size() >= 2);
        assertEquals(another.get("txid"), both.inputs().get(0).prevout().txid().toString(), "preselected first");

        failsWith(-8, "Use change_address instead of changeAddress", "send",
                "{\"outputs\":{\"" + bob + "\":1},\"options\":{\"changeAddress\":\"" + bob + "\"}}");
        failsWith(-8, "Use fee_rate (sat/vB) instead of feeRate", "send",
                "{\"outputs\":{\"" + bob + "\":1},\"options\":{\"feeRate\":0.0001}}");
        failsWith(-8, "Specify estimate_mode", "send", "{\"outputs\":{\"" + bob + "\":1},\"conf_target\":3}");
        failsWith(-8, "Pass the fee_rate either as an argument, or in the options object, but not both", "send",
                "{\"outputs\":{\"" + bob + "\":1},\"fee_rate\":2,\"options\":{\"fee_rate\":3}}");
        failsWith(-8, "Invalid parameter, vout cannot be negative", "send", "{\"outputs\":{\"" + bob + "\":1},"
                + "\"options\":{\"inputs\":[{\"txid\":\"" + another.get("txid") + "\",\"vout\":-1}]}}");
        failsWith(-8, "Invalid parameter combination: Sequence number(s) contradict replaceable option", "send",
                "{\"outputs\":{\"" + bob + "\":1},\"options\":{\"inputs\":[{\"txid\":\"" + another.get("txid")
                + "\",\"vout\":" + another.get("vout") + ",\"sequence\":4294967295}]}}");
    }

    @Test
    void includeUnsafeSpendsUnconfirmedCoinsFromOthers() throws Exception {
        n.call(A, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":5,\"fee_rate\":2}"); // bob's only coin
        String raw = (String) n.call("createrawtransaction", "[[], {\"" + n.call(A, "getnewaddress", "[]") + "\": 1}]");
        NodeWithWallets.Failure unsafe = fails(B, "fundrawtransaction", "[\"" + raw + "\"]");
        assertEquals("Insufficient funds", unsafe.text(), "an unconfirmed coin from another wallet is not safe");
        Map<?, ?> funded = (Map<?, ?>) n.call(B, "fundrawtransaction", "[\"" + raw + "\", {\"include_unsafe\":true}]");
        assertEquals(1, tx((String) funded.get("hex")).inputs().size());
    }

    @Test
    void externalInputsNeedAWeightAndMustExist() throws Exception {
        // a coin of bob's, which alice's wallet does not know
        String bobs = (String) n.call(A, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":5,\"fee_rate\":2}");
        n.call("generatetoaddress", "[1, \"" + n.call(A, "getnewaddress", "[]") + "\"]");
        long vout = -1;
        for (Object o : (List<?>) ((Map<?, ?>) n.call(A, "gettransaction", "[\"" + bobs + "\"]")).get("details")) {
            Map<?, ?> d = (Map<?, ?>) o;
            if (bob.equals(d.get("address"))) {
                vout = (Long) d.get("vout");
            }
        }
        String external = "{\"txid\":\"" + bobs + "\",\"vout\":" + vout + "}";
        String to = (String) n.call(A, "getnewaddress", "[]");
        failsWith(-4, "Not solvable pre-selected input COutPoint(" + bobs.substring(0, 10) + ", " + vout + ")",
                "walletcreatefundedpsbt", "[[" + external + "], [{\"" + to + "\": 1}]]");
        Map<?, ?> psbt = (Map<?, ?>) n.call(A, "walletcreatefundedpsbt", "[[{\"txid\":\"" + bobs + "\",\"vout\":" + vout
                + ",\"weight\":272}], [{\"" + to + "\": 1}], 0, {\"fee_rate\":2}]");
        Transaction unsigned = org.btcmp.wallet.psbt.Psbt.fromBase64((String) psbt.get("psbt")).unsignedTx();
        assertEquals(1, unsigned.inputs().size(), "bob's 5 BTC coin pays alone");
        assertEquals(bobs, unsigned.inputs().get(0).prevout().txid().toString());
        String missing = "{\"txid\":\"" + "ab".repeat(32) + "\",\"vout\":0}";
        failsWith(-4, "Unable to find UTXO for external input", "walletcreatefundedpsbt",
                "[[" + missing + "], [{\"" + to + "\": 1}]]");
        failsWith(-8, "Invalid parameter, weight cannot be less than 165 (41 bytes (size of outpoint + sequence + empty"
                + " scriptSig) * 4 (witness scaling factor)) + 1 (empty witness)", "walletcreatefundedpsbt",
                "[[{\"txid\":\"" + bobs + "\",\"vout\":" + vout + ",\"weight\":100}], [{\"" + to + "\": 1}]]");
        Map<?, ?> viaSend = (Map<?, ?>) n.call(A, "send", "{\"outputs\":{\"" + to + "\":1},\"fee_rate\":2,"
                + "\"options\":{\"inputs\":[{\"txid\":\"" + bobs + "\",\"vout\":" + vout + ",\"weight\":272}]}}");
        assertEquals(false, viaSend.get("complete"), "alice cannot sign bob's coin: Core hands back the PSBT");
        assertTrue(viaSend.containsKey("psbt"));
    }

    @Test
    void feeReasonNamesWhereTheRateCameFrom() throws Exception {
        Map<?, ?> fallback = (Map<?, ?>) n.call(A, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":1,"
                + "\"verbose\":true}");
        assertEquals("Fallback fee", fallback.get("fee_reason"));
        Map<?, ?> explicit = (Map<?, ?>) n.call(A, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":1,"
                + "\"fee_rate\":3,\"verbose\":true}");
        assertEquals("PayTxFee set", explicit.get("fee_reason"));
        Map<?, ?> many = (Map<?, ?>) n.call(A, "sendmany", "{\"dummy\":\"\",\"amounts\":{\"" + bob + "\":1},"
                + "\"verbose\":true}");
        assertEquals("Fallback fee", many.get("fee_reason"));
        n.close();
        n = new NodeWithWallets(dir.resolve("low"), 50); // -fallbackfee under the 100 sat/kvB relay minimum
        n.call("createwallet", "[\"alice\"]");
        n.call("generatetoaddress", "[101, \"" + n.call(A, "getnewaddress", "[]") + "\"]");
        Map<?, ?> required = (Map<?, ?>) n.call(A, "sendtoaddress", "{\"address\":\"" + n.call(A, "getnewaddress", "[]")
                + "\",\"amount\":1,\"verbose\":true}");
        assertEquals("Minimum Required Fee", required.get("fee_reason"));
    }
}

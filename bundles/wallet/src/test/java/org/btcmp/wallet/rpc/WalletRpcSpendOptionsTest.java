package org.btcmp.wallet.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Core's spending options: subtractfeefromamount, "data" outputs, conf_target and the node's fee estimates. */
class WalletRpcSpendOptionsTest {
    private static final String A = "/wallet/alice";
    private static final String B = "/wallet/bob";
    /** Core's FeeReason strings for the fee estimator's four estimates. */
    private static final List<String> ESTIMATOR_REASONS = List.of("Half Target 60% Threshold", "Target 85% Threshold",
            "Double Target 95% Threshold", "Conservative Double Target longer horizon");

    @TempDir
    Path dir;
    NodeWithWallets n;

    @BeforeEach
    void start() throws Exception {
        n = new NodeWithWallets(dir, 0); // no -fallbackfee: a send without a rate needs the node's estimate
        n.call("createwallet", "[\"alice\"]");
        n.call("createwallet", "[\"bob\"]");
        n.call("generatetoaddress", "[101, \"" + n.call(A, "getnewaddress", "[]") + "\"]");
    }

    @AfterEach
    void stop() throws Exception {
        n.close();
    }

    private NodeWithWallets.Failure fails(String path, String method, String params) {
        return assertThrows(NodeWithWallets.Failure.class, () -> n.call(path, method, params));
    }

    private Map<?, ?> decoded(String txid) throws Exception {
        return (Map<?, ?>) n.call("getrawtransaction", "[\"" + txid + "\", true]");
    }

    private static long sats(Object btc) {
        return ((BigDecimal) btc).movePointRight(8).longValueExact();
    }

    /** The value of the output of {@code txid} paying {@code address}. */
    private long paid(String txid, String address) throws Exception {
        for (Object o : (List<?>) decoded(txid).get("vout")) {
            Map<?, ?> spk = (Map<?, ?>) ((Map<?, ?>) o).get("scriptPubKey");
            if (address.equals(spk.get("address"))) {
                return sats(((Map<?, ?>) o).get("value"));
            }
        }
        throw new AssertionError("no output to " + address + " in " + decoded(txid));
    }

    @Test
    void subtractFeeFromAmountMakesTheRecipientPayTheFee() throws Exception {
        String bob = (String) n.call(B, "getnewaddress", "[]");
        String txid = (String) n.call(A, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":1,"
                + "\"subtractfeefromamount\":true,\"fee_rate\":10}");
        Map<?, ?> sent = (Map<?, ?>) n.call(A, "gettransaction", "[\"" + txid + "\"]");
        long fee = -sats(sent.get("fee"));
        long vsize = (Long) decoded(txid).get("vsize");
        assertTrue(fee >= vsize * 10 && fee <= (vsize + 2) * 10, "10 sat/vB on " + vsize + " vB: " + fee);
        assertEquals(100_000_000 - fee, paid(txid, bob), "the fee came out of the payment");
        assertEquals(-(100_000_000 - fee), sats(sent.get("amount")));
        n.call("generatetoaddress", "[1, \"" + n.call(A, "getnewaddress", "[]") + "\"]");
        assertEquals(100_000_000 - fee, sats(n.call(B, "getbalance", "[]")));
        assertEquals(50L * 100_000_000 - 100_000_000 + 50L * 100_000_000, sats(n.call(A, "getbalance", "[]")),
                "alice paid exactly the amount: the change is whole");

        String b1 = (String) n.call(B, "getnewaddress", "[]");
        String b2 = (String) n.call(B, "getnewaddress", "[]");
        String b3 = (String) n.call(B, "getnewaddress", "[]");
        String many = (String) n.call(A, "sendmany", "{\"dummy\":\"\",\"amounts\":{\"" + b1 + "\":1,\"" + b2 + "\":1,\""
                + b3 + "\":1},\"subtractfeefrom\":[\"" + b1 + "\",\"" + b3 + "\"],\"fee_rate\":7}");
        long manyFee = -sats(((Map<?, ?>) n.call(A, "gettransaction", "[\"" + many + "\"]")).get("fee"));
        assertEquals(100_000_000, paid(many, b2), "not named in subtractfeefrom");
        assertEquals(100_000_000 - manyFee / 2 - manyFee % 2, paid(many, b1), "the first pays the odd satoshi");
        assertEquals(100_000_000 - manyFee / 2, paid(many, b3));

        NodeWithWallets.Failure cannotPay = fails(A, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":0.00001,"
                + "\"subtractfeefromamount\":true,\"fee_rate\":100}");
        assertEquals(-4, cannotPay.code);
        assertEquals("The transaction amount is too small to pay the fee", cannotPay.text());
        NodeWithWallets.Failure dustLeft = fails(A, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":0.000004,"
                + "\"subtractfeefromamount\":true,\"fee_rate\":1}");
        assertEquals(-4, dustLeft.code);
        assertEquals("The transaction amount is too small to send after the fee has been deducted", dustLeft.text());
    }

    @Test
    void sendTakesDataOutputsAndFeeOutputPositions() throws Exception {
        String bob = (String) n.call(B, "getnewaddress", "[]");
        Map<?, ?> sent = (Map<?, ?>) n.call(A, "send", "{\"outputs\":[{\"data\":\"cafe00\"},{\"" + bob + "\":2}],"
                + "\"options\":{\"fee_rate\":5,\"subtract_fee_from_outputs\":[1]}}");
        String txid = (String) sent.get("txid");
        List<?> vout = (List<?>) decoded(txid).get("vout");
        Map<?, ?> data = vout.stream().map(o -> (Map<?, ?>) o)
                .filter(o -> "nulldata".equals(((Map<?, ?>) o.get("scriptPubKey")).get("type"))).findFirst().orElseThrow();
        assertEquals("6a03cafe00", ((Map<?, ?>) data.get("scriptPubKey")).get("hex"));
        assertEquals(0, sats(data.get("value")));
        long fee = -sats(((Map<?, ?>) n.call(A, "gettransaction", "[\"" + txid + "\"]")).get("fee"));
        assertEquals(200_000_000 - fee, paid(txid, bob));

        assertEquals("Invalid parameter, duplicate key: data", fails(A, "send",
                "[[{\"data\":\"aa\"},{\"data\":\"bb\"}], null, \"unset\", 5]").text());
        assertEquals("Data must be hexadecimal string (not 'xyz')", fails(A, "send",
                "[{\"data\":\"xyz\"}, null, \"unset\", 5]").text());
        assertEquals("Invalid parameter, key-value pair must contain exactly one key", fails(A, "send",
                "[[{\"data\":\"aa\",\"" + bob + "\":1}], null, \"unset\", 5]").text());
        assertEquals("Invalid parameter, position too large: 1", fails(A, "send", "{\"outputs\":{\"" + bob + "\":1},"
                + "\"fee_rate\":5,\"options\":{\"subtract_fee_from_outputs\":[1]}}").text());
        assertEquals("Invalid parameter, negative position: -1", fails(A, "send", "{\"outputs\":{\"" + bob + "\":1},"
                + "\"fee_rate\":5,\"options\":{\"subtract_fee_from_outputs\":[-1]}}").text());
        assertEquals("Invalid parameter, duplicated position: 0", fails(A, "send", "{\"outputs\":{\"" + bob + "\":1},"
                + "\"fee_rate\":5,\"options\":{\"subtract_fee_from_outputs\":[0,0]}}").text());
        NodeWithWallets.Failure both = fails(A, "send", "{\"outputs\":{\"" + bob + "\":1},\"conf_target\":2,"
                + "\"options\":{\"conf_target\":3}}");
        assertEquals(-8, both.code);
        assertEquals("Pass conf_target and estimate_mode either as arguments or in the options object, but not both",
                both.text());

        Map<?, ?> psbt = (Map<?, ?>) n.call(A, "walletcreatefundedpsbt", "{\"outputs\":[{\"data\":\"00\"},{\"" + bob
                + "\":1}],\"options\":{\"fee_rate\":3,\"subtractFeeFromOutputs\":[1]}}");
        org.btcmp.primitives.Transaction unsigned = org.btcmp.wallet.psbt.Psbt.fromBase64((String) psbt.get("psbt"))
                .unsignedTx();
        String bobScript = (String) ((Map<?, ?>) n.call(B, "getaddressinfo", "[\"" + bob + "\"]")).get("scriptPubKey");
        long toBob = unsigned.outputs().stream().filter(o -> o.scriptPubKey().toHex().equals(bobScript))
                .mapToLong(org.btcmp.primitives.TxOut::value).sum();
        assertEquals(100_000_000 - sats(psbt.get("fee")), toBob);
        assertTrue(unsigned.outputs().stream().anyMatch(o -> o.scriptPubKey().toHex().equals("6a0100")));
    }

    @Test
    void withoutARateTheWalletUsesTheNodesEstimate() throws Exception {
        String bob = (String) n.call(B, "getnewaddress", "[]");
        NodeWithWallets.Failure none = fails(A, "sendtoaddress", "[\"" + bob + "\", 1]");
        assertEquals(-4, none.code);
        assertEquals("Fee estimation failed. Fallbackfee is disabled. Wait a few blocks or enable -fallbackfee.",
                none.text());
        assertEquals("Invalid conf_target, must be between 1 and 1008", fails(A, "sendtoaddress",
                "{\"address\":\"" + bob + "\",\"amount\":1,\"conf_target\":0}").text());
        assertEquals("Invalid conf_target, must be between 1 and 1008", fails(A, "sendtoaddress",
                "{\"address\":\"" + bob + "\",\"amount\":1,\"conf_target\":1009}").text());

        // history for the node's estimator (Core's: it wants several payments per block over more blocks
        // than the target): payments at 25 sat/vB, each confirmed in the next block
        String miner = (String) n.call(A, "getnewaddress", "[]");
        for (int block = 0; block < 15; block++) {
            for (int i = 0; i < 8; i++) {
                n.call(A, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":0.01,\"fee_rate\":25}");
            }
            n.call("generatetoaddress", "[1, \"" + miner + "\"]");
        }
        Map<?, ?> estimate = (Map<?, ?>) n.call("estimatesmartfee", "[6]");
        assertTrue(estimate.containsKey("feerate"), "the node has an estimate now: " + estimate);
        long perKvB = sats(estimate.get("feerate"));

        Map<?, ?> sent = (Map<?, ?>) n.call(A, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":1,"
                + "\"verbose\":true}");
        // which of the estimator's estimates gave the rate depends on how many payments it could track
        // (coin selection is random, and payments spending unconfirmed change are not tracked)
        assertTrue(ESTIMATOR_REASONS.contains(sent.get("fee_reason")), "from the estimator: " + sent.get("fee_reason"));
        String txid = (String) sent.get("txid");
        long fee = -sats(((Map<?, ?>) n.call(A, "gettransaction", "[\"" + txid + "\"]")).get("fee"));
        long vsize = (Long) decoded(txid).get("vsize");
        assertTrue(fee >= vsize * perKvB / 1000 && fee <= (vsize + 2) * perKvB / 1000 + 1,
                "the estimate's " + perKvB + " sat/kvB on " + vsize + " vB: " + fee);
        Map<?, ?> conservative = (Map<?, ?>) n.call(A, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":1,"
                + "\"conf_target\":2,\"estimate_mode\":\"conservative\",\"verbose\":true}");
        assertTrue(ESTIMATOR_REASONS.contains(conservative.get("fee_reason")), "from the estimator: "
                + conservative.get("fee_reason"));
    }

    @Test
    void replaceableFalseLeavesBip125Unsignalled() throws Exception {
        String bob = (String) n.call(B, "getnewaddress", "[]");
        String plain = (String) n.call(A, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":1,"
                + "\"replaceable\":false,\"fee_rate\":2}");
        assertEquals(List.of(0xfffffffeL), sequences(plain));
        assertEquals("no", ((Map<?, ?>) n.call(A, "gettransaction", "[\"" + plain + "\"]")).get("bip125-replaceable"));
        String signalling = (String) n.call(A, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":1,"
                + "\"fee_rate\":2}");
        assertEquals(List.of(0xfffffffdL), sequences(signalling), "replaceable defaults to true");
        Map<?, ?> bumped = (Map<?, ?>) n.call(A, "bumpfee", "[\"" + signalling + "\", {\"fee_rate\":5,"
                + "\"replaceable\":false}]");
        assertTrue(sequences((String) bumped.get("txid")).stream().allMatch(q -> q == 0xfffffffeL),
                "the replacement no longer signals"); // bumped before anything spends its change
        // the replacement's change is not safe to spend until it confirms (Core's AvailableCoins)
        n.call("generatetoaddress", "[1, \"" + bob + "\"]");
        Map<?, ?> viaSend = (Map<?, ?>) n.call(A, "send", "{\"outputs\":{\"" + bob + "\":1},\"fee_rate\":2,"
                + "\"options\":{\"replaceable\":false}}");
        assertTrue(sequences((String) viaSend.get("txid")).stream().allMatch(q -> q == 0xfffffffeL));
    }

    private List<Long> sequences(String txid) throws Exception {
        return ((List<?>) decoded(txid).get("vin")).stream().map(i -> (Long) ((Map<?, ?>) i).get("sequence")).toList();
    }
}

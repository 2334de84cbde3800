package org.btcmp.wallet.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.btcmp.common.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bumpfee: a send still in the mempool is replaced at a higher rate, and the evicted original can be abandoned. */
class WalletRpcBumpFeeTest {
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
        n.call("generatetoaddress", "[101, \"" + n.call(A, "getnewaddress", "[]") + "\"]");
    }

    @AfterEach
    void stop() throws Exception {
        n.close();
    }

    @Test
    void replacesTheSendAndTheRecipientStillGetsPaid() throws Exception {
        String bob = (String) n.call(B, "getnewaddress", "[]");
        String original = (String) n.call(A, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":2,\"fee_rate\":2}");
        BigDecimal originalFee = (BigDecimal) ((Map<?, ?>) n.call(A, "gettransaction", "[\"" + original + "\"]")).get("fee");

        NodeWithWallets.Failure low = assertThrows(NodeWithWallets.Failure.class,
                () -> n.call(A, "bumpfee", "[\"" + original + "\", {\"fee_rate\":2}]"));
        assertEquals(-8, low.code);
        assertTrue(low.text().startsWith("Insufficient total fee "), low.text());
        NodeWithWallets.Failure notMine = assertThrows(NodeWithWallets.Failure.class,
                () -> n.call(B, "bumpfee", "[\"" + original + "\"]"));
        assertEquals(-4, notMine.code);
        assertEquals("Transaction contains inputs that don't belong to this wallet.", notMine.text());

        Map<?, ?> bumped = (Map<?, ?>) n.call(A, "bumpfee", "{\"txid\":\"" + original + "\",\"options\":{\"fee_rate\":5}}");
        String replacement = (String) bumped.get("txid");
        assertNotEquals(original, replacement);
        assertEquals(originalFee.negate(), bumped.get("origfee"));
        assertTrue(((BigDecimal) bumped.get("fee")).compareTo(originalFee.negate().multiply(BigDecimal.valueOf(2))) > 0,
                bumped.toString());
        assertEquals(List.of(), bumped.get("errors"));
        assertEquals(List.of(replacement), n.call("getrawmempool", "[]"), "the original was evicted");
        NodeWithWallets.Failure inMempool = assertThrows(NodeWithWallets.Failure.class,
                () -> n.call(A, "abandontransaction", "[\"" + replacement + "\"]"));
        assertEquals(-5, inMempool.code);
        assertEquals("Transaction not eligible for abandonment", inMempool.text());
        assertTrue(Json.isNull(n.call(A, "abandontransaction", "[\"" + original + "\"]")));
        Map<?, ?> abandoned = (Map<?, ?>) ((List<?>) ((Map<?, ?>) n.call(A, "gettransaction", "[\"" + original + "\"]"))
                .get("details")).get(0);
        assertEquals(true, abandoned.get("abandoned"));
        assertEquals(-5, assertThrows(NodeWithWallets.Failure.class,
                () -> n.call(A, "abandontransaction", "[\"" + "ef".repeat(32) + "\"]")).code);

        n.call("generatetoaddress", "[1, \"" + n.call(A, "getnewaddress", "[]") + "\"]");
        assertEquals(new BigDecimal("2.00000000"), n.call(B, "getbalance", "[]"));
        assertEquals(1L, ((Map<?, ?>) n.call(A, "gettransaction", "[\"" + replacement + "\"]")).get("confirmations"));
        NodeWithWallets.Failure mined = assertThrows(NodeWithWallets.Failure.class,
                () -> n.call(A, "bumpfee", "[\"" + replacement + "\"]"));
        assertEquals(-4, mined.code);
        assertEquals("Transaction has been mined, or is conflicted with a mined transaction", mined.text());
        assertEquals(-5, assertThrows(NodeWithWallets.Failure.class,
                () -> n.call(A, "bumpfee", "[\"" + "cd".repeat(32) + "\"]")).code);
    }

    @Test
    void withoutChangeTheBumpAddsCoinsAndNewOutputsReplaceOldOnes() throws Exception {
        n.call("generatetoaddress", "[2, \"" + n.call(A, "getnewaddress", "[]") + "\"]"); // a second and third mature coin
        String bob = (String) n.call(B, "getnewaddress", "[]");
        List<?> coins = (List<?>) n.call(A, "listunspent", "[]");
        assertEquals(3, coins.size());
        String others = outpoints(coins.subList(1, 3));
        n.call(A, "lockunspent", "[false, " + others + "]"); // one coin to send whole: no change
        String all = (String) n.call(A, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":50,"
                + "\"subtractfeefromamount\":true,\"fee_rate\":2}");
        n.call(A, "lockunspent", "[true, " + others + "]");
        org.btcmp.primitives.Transaction noChange = org.btcmp.primitives.Transaction.fromHex(
                (String) ((Map<?, ?>) n.call(A, "gettransaction", "[\"" + all + "\"]")).get("hex"));
        assertEquals(1, noChange.outputs().size(), "the whole coin went to bob");
        long paid = noChange.outputs().get(0).value();

        Map<?, ?> bumped = (Map<?, ?>) n.call(A, "bumpfee", "[\"" + all + "\", {\"fee_rate\":6}]");
        org.btcmp.primitives.Transaction replacement = org.btcmp.primitives.Transaction.fromHex(
                (String) ((Map<?, ?>) n.call(A, "gettransaction", "[\"" + bumped.get("txid") + "\"]")).get("hex"));
        assertEquals(2, replacement.inputs().size(), "another coin pays the higher fee");
        assertTrue(replacement.inputs().stream().anyMatch(in -> in.prevout().equals(noChange.inputs().get(0).prevout())),
                "the original input is kept, so the two conflict");
        assertEquals(2, replacement.outputs().size(), "bob's payment and new change");
        assertTrue(replacement.outputs().stream().anyMatch(o -> o.value() == paid), "bob is paid what he was");
        long fee = ((BigDecimal) bumped.get("fee")).movePointRight(8).longValueExact();
        assertTrue(fee >= replacement.vsize() * 6L && fee <= (replacement.vsize() + 2) * 6L, fee + " for " + replacement.vsize());

        String bob2 = (String) n.call(B, "getnewaddress", "[]");
        NodeWithWallets.Failure badIndex = assertThrows(NodeWithWallets.Failure.class, () -> n.call(A, "bumpfee",
                "[\"" + bumped.get("txid") + "\", {\"original_change_index\":2}]"));
        assertEquals(-8, badIndex.code);
        assertEquals("Change position is out of range", badIndex.text());
        Map<?, ?> redirected = (Map<?, ?>) n.call(A, "bumpfee", "[\"" + bumped.get("txid") + "\", {\"fee_rate\":12,"
                + "\"outputs\":[{\"" + bob2 + "\":1}]}]");
        n.call("generatetoaddress", "[1, \"" + n.call(A, "getnewaddress", "[]") + "\"]");
        assertEquals(1L, ((Map<?, ?>) n.call(B, "gettransaction", "[\"" + redirected.get("txid") + "\"]"))
                .get("confirmations"));
        assertEquals(new BigDecimal("1.00000000"), n.call(B, "getbalance", "[]"), "only the new output paid bob");
        NodeWithWallets.Failure poor = assertThrows(NodeWithWallets.Failure.class, () -> n.call(A, "sendtoaddress",
                "{\"address\":\"" + bob + "\",\"amount\":200,\"fee_rate\":2}"));
        assertEquals(-6, poor.code);
    }

    private static String outpoints(List<?> coins) {
        StringBuilder b = new StringBuilder("[");
        for (Object c : coins) {
            Map<?, ?> coin = (Map<?, ?>) c;
            b.append(b.length() > 1 ? "," : "").append("{\"txid\":\"").append(coin.get("txid")).append("\",\"vout\":")
                    .append(coin.get("vout")).append('}');
        }
        return b.append(']').toString();
    }
}

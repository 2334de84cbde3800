package org.btcmp.wallet.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
        assertTrue(JsonText.isNull(n.call(A, "abandontransaction", "[\"" + original + "\"]")));
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
}

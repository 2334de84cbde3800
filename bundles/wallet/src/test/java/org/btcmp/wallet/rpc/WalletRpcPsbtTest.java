package org.btcmp.wallet.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PSBT: funded by one wallet, signed by it (P2WPKH and P2TR inputs), finalized, extracted and mined. */
class WalletRpcPsbtTest {
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
        n.call("generatetoaddress", "[1, \"" + n.call(A, "getnewaddress", "[\"\", \"bech32m\"]") + "\"]");
        n.call("generatetoaddress", "[101, \"" + n.call(A, "getnewaddress", "[]") + "\"]");
    }

    @AfterEach
    void stop() throws Exception {
        n.close();
    }

    @Test
    void fundSignFinalizeExtract() throws Exception {
        String bob = (String) n.call(B, "getnewaddress", "[]");
        Map<?, ?> funded = (Map<?, ?>) n.call(A, "walletcreatefundedpsbt",
                "{\"outputs\":[{\"" + bob + "\": 60}],\"options\":{\"fee_rate\":5}}");
        String psbt = (String) funded.get("psbt");
        assertTrue(psbt.startsWith("cHNidP8"), "base64 of psbt\\xff: " + psbt);
        assertTrue(((BigDecimal) funded.get("fee")).signum() > 0);
        assertTrue((Long) funded.get("changepos") >= 0);

        Map<?, ?> notBobs = (Map<?, ?>) n.call(B, "walletprocesspsbt", "[\"" + psbt + "\"]");
        assertEquals(false, notBobs.get("complete"), "bob owns none of the inputs");
        assertEquals(psbt, notBobs.get("psbt"));

        Map<?, ?> signed = (Map<?, ?>) n.call(A, "walletprocesspsbt", "{\"psbt\":\"" + psbt + "\",\"finalize\":false}");
        assertEquals(false, signed.get("complete"));
        assertFalse(signed.containsKey("hex"));
        Map<?, ?> notExtracted = (Map<?, ?>) n.call("finalizepsbt", "[\"" + signed.get("psbt") + "\", false]");
        assertEquals(true, notExtracted.get("complete"));
        Map<?, ?> finalized = (Map<?, ?>) n.call("finalizepsbt", "[\"" + signed.get("psbt") + "\"]");
        assertEquals(true, finalized.get("complete"));
        String txid = (String) n.call("sendrawtransaction", "[\"" + finalized.get("hex") + "\"]");

        n.call("generatetoaddress", "[1, \"" + n.call(A, "getnewaddress", "[]") + "\"]");
        assertEquals(new BigDecimal("60.00000000"), n.call(B, "getbalance", "[]"));
        assertEquals(1L, ((Map<?, ?>) n.call(A, "gettransaction", "[\"" + txid + "\"]")).get("confirmations"));
    }

    @Test
    void processFinalizesAtOnceAndRefusesBadInput() throws Exception {
        String bob = (String) n.call(B, "getnewaddress", "[]");
        String psbt = (String) ((Map<?, ?>) n.call(A, "walletcreatefundedpsbt", "[[], {\"" + bob + "\": 1}, 0,"
                + " {\"fee_rate\":3, \"lockUnspents\":true}]")).get("psbt");
        assertEquals(1, ((java.util.List<?>) n.call(A, "listlockunspent", "[]")).size());
        Map<?, ?> done = (Map<?, ?>) n.call(A, "walletprocesspsbt", "[\"" + psbt + "\"]");
        assertEquals(true, done.get("complete"));
        n.call("sendrawtransaction", "[\"" + done.get("hex") + "\"]");

        NodeWithWallets.Failure bad = assertThrows(NodeWithWallets.Failure.class,
                () -> n.call(A, "walletprocesspsbt", "[\"bm90IGEgcHNidA==\"]"));
        assertEquals(-22, bad.code);
        assertTrue(bad.text().startsWith("TX decode failed"), bad.text());
        assertEquals(-22, assertThrows(NodeWithWallets.Failure.class,
                () -> n.call("finalizepsbt", "[\"***\"]")).code);
        n.call(A, "encryptwallet", "[\"pw\"]");
        assertEquals(-13, assertThrows(NodeWithWallets.Failure.class,
                () -> n.call(A, "walletprocesspsbt", "[\"" + psbt + "\"]")).code);
    }
}

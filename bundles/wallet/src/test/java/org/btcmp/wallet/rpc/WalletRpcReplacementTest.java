package org.btcmp.wallet.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gettransaction's and listtransactions' replaces_txid and replaced_by_txid after bumpfee, and
 * mempoolconflicts when another transaction replaces a wallet transaction in the mempool, as Core.
 */
class WalletRpcReplacementTest {
    private static final String A = "/wallet/alice";
    private static final String B = "/wallet/bob";

    @TempDir
    Path dir;
    NodeWithWallets n;

    @BeforeEach
    void start() throws Exception {
        n = new NodeWithWallets(dir, 2_000);
        n.call("createwallet", "[\"alice\"]");
        n.call("createwallet", "[\"bob\"]");
        n.call("generatetoaddress", "[101, \"" + n.call(A, "getnewaddress", "[]") + "\"]");
    }

    @AfterEach
    void stop() throws Exception {
        n.close();
    }

    private Map<?, ?> tx(String txid) throws Exception {
        return (Map<?, ?>) n.call(A, "gettransaction", "[\"" + txid + "\"]");
    }

    @Test
    void bumpfeeLinksTheOriginalAndItsReplacement() throws Exception {
        String bob = (String) n.call(B, "getnewaddress", "[]");
        String original = (String) n.call(A, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":1,\"fee_rate\":2}");
        assertFalse(tx(original).containsKey("replaced_by_txid"));
        String replacement = (String) ((Map<?, ?>) n.call(A, "bumpfee", "[\"" + original + "\", {\"fee_rate\":5}]"))
                .get("txid");
        assertEquals(replacement, tx(original).get("replaced_by_txid"));
        assertEquals(original, tx(replacement).get("replaces_txid"));
        assertFalse(tx(replacement).containsKey("replaced_by_txid"));
        List<?> keys = List.copyOf(tx(replacement).keySet());
        assertEquals(keys.indexOf("bip125-replaceable") + 1, keys.indexOf("replaces_txid"), "Core's mapValue comes last");
        boolean listed = false;
        for (Object o : (List<?>) n.call(A, "listtransactions", "[]")) {
            Map<?, ?> e = (Map<?, ?>) o;
            if (replacement.equals(e.get("txid"))) {
                assertEquals(original, e.get("replaces_txid"));
                listed = true;
            }
        }
        assertEquals(true, listed);

        // alice's one other coin is the replacement's change: Core's AvailableCoins holds an unconfirmed
        // replacement unsafe, so only include_unsafe may spend it
        String raw = (String) n.call("createrawtransaction", "[[], {\"" + bob + "\": 1}]");
        NodeWithWallets.Failure unsafe = org.junit.jupiter.api.Assertions.assertThrows(NodeWithWallets.Failure.class,
                () -> n.call(A, "fundrawtransaction", "[\"" + raw + "\"]"));
        assertEquals("Insufficient funds", unsafe.text());
        Map<?, ?> funded = (Map<?, ?>) n.call(A, "fundrawtransaction", "[\"" + raw + "\", {\"include_unsafe\":true}]");
        assertEquals(true, funded.containsKey("hex"));
    }

    @Test
    void aReplacementInTheMempoolIsAMempoolConflictUntilMined() throws Exception {
        String bob = (String) n.call(B, "getnewaddress", "[]");
        String first = (String) n.call(A, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":1,\"fee_rate\":2}");
        assertEquals(List.of(), tx(first).get("mempoolconflicts"));
        Map<?, ?> decoded = (Map<?, ?>) n.call("getrawtransaction", "[\"" + first + "\", true]");
        Map<?, ?> in = (Map<?, ?>) ((List<?>) decoded.get("vin")).get(0);
        // the same coin paid elsewhere at a higher rate, built outside bumpfee: a plain RBF replacement
        Map<?, ?> psbt = (Map<?, ?>) n.call(A, "walletcreatefundedpsbt", "[[{\"txid\":\"" + in.get("txid")
                + "\",\"vout\":" + in.get("vout") + "}], [{\"" + bob + "\": 2}], 0, {\"fee_rate\":20}]");
        Map<?, ?> signed = (Map<?, ?>) n.call(A, "walletprocesspsbt", "[\"" + psbt.get("psbt") + "\"]");
        String second = (String) n.call("sendrawtransaction", "[\"" + signed.get("hex") + "\"]");
        assertEquals(List.of(second), tx(first).get("mempoolconflicts"));
        assertEquals(List.of(), tx(second).get("mempoolconflicts"));
        assertFalse(tx(first).containsKey("replaced_by_txid"), "Core notes replaced_by_txid for bumpfee only");
        n.call("generatetoaddress", "[1, \"" + n.call(A, "getnewaddress", "[]") + "\"]");
        assertEquals(List.of(), tx(first).get("mempoolconflicts"), "mined: no longer in the mempool");
        assertEquals(List.of(second), tx(first).get("walletconflicts"));
    }
}

package org.btcmp.wallet.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Core's watch-only wallets (disable_private_keys, public descriptors, PSBT for another signer) and avoid_reuse. */
class WalletRpcWatchOnlyReuseTest {
    private static final String A = "/wallet/alice";
    private static final String W = "/wallet/watch";
    private static final String R = "/wallet/reuser";

    @TempDir
    Path dir;
    NodeWithWallets n;

    @BeforeEach
    void start() throws Exception {
        n = new NodeWithWallets(dir, 0);
        n.call("createwallet", "[\"alice\"]");
        n.call("generatetoaddress", "[101, \"" + n.call(A, "getnewaddress", "[]") + "\"]");
    }

    @AfterEach
    void stop() throws Exception {
        n.close();
    }

    private NodeWithWallets.Failure fails(String path, String method, String params) {
        return assertThrows(NodeWithWallets.Failure.class, () -> n.call(path, method, params));
    }

    private static BigDecimal btc(String s) {
        return new BigDecimal(s);
    }

    private void mine() throws Exception {
        n.call("generatetoaddress", "[1, \"" + n.call(A, "getnewaddress", "[]") + "\"]");
    }

    @Test
    void watchOnlyWalletFollowsPublicDescriptorsAndHandsSigningOn() throws Exception {
        NodeWithWallets.Failure withPassphrase = fails("/", "createwallet",
                "{\"wallet_name\":\"w2\",\"disable_private_keys\":true,\"passphrase\":\"x\"}");
        assertEquals(-4, withPassphrase.code);
        assertEquals("Passphrase provided but private keys are disabled. A passphrase is only used to encrypt private"
                + " keys, so cannot be used for wallets with private keys disabled.", withPassphrase.text());
        n.call("createwallet", "{\"wallet_name\":\"watch\",\"disable_private_keys\":true}");
        Map<?, ?> info = (Map<?, ?>) n.call(W, "getwalletinfo", "[]");
        assertEquals(false, info.get("private_keys_enabled"));
        assertEquals(true, info.get("blank"));

        String tprv = ((List<?>) ((Map<?, ?>) n.call(A, "listdescriptors", "[true]")).get("descriptors")).stream()
                .map(d -> (String) ((Map<?, ?>) d).get("desc")).filter(d -> d.startsWith("wpkh(")).findFirst().orElseThrow();
        List<?> refused = (List<?>) n.call(W, "importdescriptors", "[[{\"desc\":\"" + tprv + "\",\"timestamp\":0}]]");
        Map<?, ?> error = (Map<?, ?>) ((Map<?, ?>) refused.get(0)).get("error");
        assertEquals(-4L, error.get("code"));
        assertEquals("Cannot import private keys to a wallet with private keys disabled", error.get("message"));

        StringBuilder requests = new StringBuilder("[[");
        for (Object d : (List<?>) ((Map<?, ?>) n.call(A, "listdescriptors", "[]")).get("descriptors")) {
            Map<?, ?> desc = (Map<?, ?>) d;
            if (((String) desc.get("desc")).startsWith("wpkh(")) {
                requests.append(requests.length() > 2 ? "," : "").append("{\"desc\":\"").append(desc.get("desc"))
                        .append("\",\"timestamp\":0,\"active\":true,\"internal\":").append(desc.get("internal"))
                        .append(",\"range\":[0,30]}");
            }
        }
        assertEquals(List.of(Map.of("success", true), Map.of("success", true)),
                n.call(W, "importdescriptors", requests + "]]"));
        assertEquals(n.call(A, "getbalances", "[]"), n.call(W, "getbalances", "[]"), "the same coins, watched");
        String watched = (String) n.call(W, "getnewaddress", "[]");
        assertEquals(true, ((Map<?, ?>) n.call(A, "getaddressinfo", "[\"" + watched + "\"]")).get("ismine"));

        String bob = (String) n.call(A, "getnewaddress", "[]");
        NodeWithWallets.Failure noKeys = fails(W, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":1,\"fee_rate\":3}");
        assertEquals(-4, noKeys.code);
        assertEquals("Error: Private keys are disabled for this wallet", noKeys.text());
        assertEquals("Can't get private descriptor string for watch-only wallets", fails(W, "listdescriptors", "[true]").text());
        NodeWithWallets.Failure encrypt = fails(W, "encryptwallet", "[\"pass\"]");
        assertEquals(-16, encrypt.code);
        assertEquals("Error: wallet does not contain private keys, nothing to encrypt.", encrypt.text());

        Map<?, ?> unsigned = (Map<?, ?>) n.call(W, "send", "{\"outputs\":{\"" + bob + "\":1},\"fee_rate\":3}");
        assertEquals(false, unsigned.get("complete"));
        assertFalse(unsigned.containsKey("txid"));
        for (String option : List.of("\"psbt\":true", "\"add_to_wallet\":false")) {
            Map<?, ?> asked = (Map<?, ?>) n.call(W, "send", "{\"outputs\":{\"" + bob + "\":1},\"fee_rate\":3,"
                    + "\"options\":{" + option + "}}");
            assertEquals(false, asked.get("complete"), option);
            assertFalse(asked.containsKey("hex"), option);
            assertTrue(asked.containsKey("psbt"), option);
        }
        Map<?, ?> notSigned = (Map<?, ?>) n.call(W, "walletprocesspsbt", "[\"" + unsigned.get("psbt") + "\"]");
        assertEquals(false, notSigned.get("complete"), "the watch-only wallet cannot sign");
        Map<?, ?> signed = (Map<?, ?>) n.call(A, "walletprocesspsbt", "[\"" + unsigned.get("psbt") + "\"]");
        assertEquals(true, signed.get("complete"));
        String txid = (String) n.call("sendrawtransaction", "[\"" + signed.get("hex") + "\"]");
        mine();
        assertEquals(1L, ((Map<?, ?>) n.call(W, "gettransaction", "[\"" + txid + "\"]")).get("confirmations"));
        assertEquals(n.call(A, "getbalances", "[]"), n.call(W, "getbalances", "[]"));
        n.call(W, "unloadwallet", "[]");
        n.call("loadwallet", "[\"watch\"]");
        assertEquals(false, ((Map<?, ?>) n.call(W, "getwalletinfo", "[]")).get("private_keys_enabled"),
                "the flag is kept in the file");
    }

    @Test
    void avoidReuseKeepsCoinsOfSpentFromAddressesApart() throws Exception {
        n.call("createwallet", "{\"wallet_name\":\"reuser\",\"avoid_reuse\":true}");
        assertEquals(true, ((Map<?, ?>) n.call(R, "getwalletinfo", "[]")).get("avoid_reuse"));
        String reused = (String) n.call(R, "getnewaddress", "[]");
        n.call(A, "sendtoaddress", "{\"address\":\"" + reused + "\",\"amount\":1,\"fee_rate\":3}");
        n.call(A, "sendtoaddress", "{\"address\":\"" + reused + "\",\"amount\":1,\"fee_rate\":3}");
        mine();
        Map<?, ?> before = (Map<?, ?>) ((Map<?, ?>) n.call(R, "getbalances", "[]")).get("mine");
        assertEquals(btc("2.00000000"), before.get("trusted"));
        assertEquals(btc("0.00000000"), before.get("used"));

        String alice = (String) n.call(A, "getnewaddress", "[]");
        String spend = (String) n.call(R, "sendtoaddress", "{\"address\":\"" + alice + "\",\"amount\":0.5,\"fee_rate\":2}");
        BigDecimal fee = (BigDecimal) ((Map<?, ?>) n.call(R, "gettransaction", "[\"" + spend + "\"]")).get("fee");
        BigDecimal change = btc("0.5").add(fee);
        Map<?, ?> after = (Map<?, ?>) ((Map<?, ?>) n.call(R, "getbalances", "[]")).get("mine");
        assertEquals(change, after.get("trusted"), "only the change is clean");
        assertEquals(btc("1.00000000"), after.get("used"), "the other coin on the spent-from address");
        assertEquals(change, n.call(R, "getbalance", "[]"));
        assertEquals(change.add(btc("1")), n.call(R, "getbalance", "{\"avoid_reuse\":false}"));
        List<?> coins = (List<?>) n.call(R, "listunspent", "[0]");
        assertEquals(2, coins.size());
        for (Object c : coins) {
            Map<?, ?> coin = (Map<?, ?>) c;
            assertEquals(reused.equals(coin.get("address")), coin.get("reused"), coin.toString());
        }

        NodeWithWallets.Failure poor = fails(R, "sendtoaddress", "{\"address\":\"" + alice + "\",\"amount\":0.6,\"fee_rate\":2}");
        assertEquals(-6, poor.code, "the used coin is not spent: " + poor.text());
        String anyway = (String) n.call(R, "sendtoaddress", "{\"address\":\"" + alice + "\",\"amount\":0.6,\"fee_rate\":2,"
                + "\"avoid_reuse\":false}");
        assertEquals(64, anyway.length());

        NodeWithWallets.Failure notEnabled = fails(A, "getbalance", "{\"avoid_reuse\":true}");
        assertEquals(-4, notEnabled.code);
        assertEquals("wallet does not have the \"avoid reuse\" feature enabled", notEnabled.text());
        assertFalse(((Map<?, ?>) ((Map<?, ?>) n.call(A, "getbalances", "[]")).get("mine")).containsKey("used"));
        assertEquals(Map.of("flag_name", "avoid_reuse", "flag_state", true),
                n.call(A, "setwalletflag", "[\"avoid_reuse\"]"));
        assertTrue(((Map<?, ?>) ((Map<?, ?>) n.call(A, "getbalances", "[]")).get("mine")).containsKey("used"));
        assertEquals("Wallet flag is already set to true: avoid_reuse", fails(A, "setwalletflag", "[\"avoid_reuse\", true]").text());
        assertEquals("Wallet flag is immutable: blank", fails(A, "setwalletflag", "[\"blank\"]").text());
        assertEquals("Unknown wallet flag: nope", fails(A, "setwalletflag", "[\"nope\"]").text());
        assertEquals(Map.of("flag_name", "avoid_reuse", "flag_state", false),
                n.call(A, "setwalletflag", "[\"avoid_reuse\", false]"));
    }
}

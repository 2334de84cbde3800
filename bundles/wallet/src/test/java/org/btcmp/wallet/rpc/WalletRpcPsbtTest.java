package org.btcmp.wallet.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        assertEquals(psbt, ((Map<?, ?>) n.call(B, "walletprocesspsbt", "{\"psbt\":\"" + psbt + "\",\"bip32derivs\":false}"))
                .get("psbt"), "without derivations of his own output, bob changes nothing");
        org.btcmp.wallet.psbt.Psbt seenByBob = org.btcmp.wallet.psbt.Psbt.fromBase64((String) notBobs.get("psbt"));
        int bobsOutput = 1 - (int) (long) (Long) funded.get("changepos");
        assertTrue(seenByBob.outputRecords(bobsOutput).stream().anyMatch(e -> e.type() == 0x02),
                "bob names the origin of his own output's key");

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
    void sendWithoutAddingToWalletSignsButNeitherBroadcastsNorRecords() throws Exception {
        String bob = (String) n.call(B, "getnewaddress", "[]");
        Object balanceBefore = n.call(A, "getbalances", "[]");
        Map<?, ?> kept = (Map<?, ?>) n.call(A, "send", "{\"outputs\":{\"" + bob + "\":2},\"fee_rate\":4,"
                + "\"options\":{\"add_to_wallet\":false}}");
        assertEquals(true, kept.get("complete"));
        String txid = (String) kept.get("txid");
        String hex = (String) kept.get("hex");
        assertTrue(((String) kept.get("psbt")).startsWith("cHNidP8"), "Core hands the PSBT back too: " + kept);
        Map<?, ?> decoded = (Map<?, ?>) n.call("decoderawtransaction", "[\"" + hex + "\"]");
        assertEquals(txid, decoded.get("txid"));
        assertFalse(((List<?>) n.call("getrawmempool", "[]")).contains(txid), "not broadcast");
        assertEquals(-5, assertThrows(NodeWithWallets.Failure.class,
                () -> n.call(A, "gettransaction", "[\"" + txid + "\"]")).code, "not in the wallet");
        assertEquals(balanceBefore, n.call(A, "getbalances", "[]"));

        assertEquals(txid, n.call("sendrawtransaction", "[\"" + hex + "\"]"), "signed and valid");
        assertTrue(((List<?>) n.call("getrawmempool", "[]")).contains(txid));
        n.call("generatetoaddress", "[1, \"" + n.call(A, "getnewaddress", "[]") + "\"]");
        assertEquals(new BigDecimal("2.00000000"), n.call(B, "getbalance", "[]"));
    }

    @Test
    void sendWithPsbtOptInReturnsTheSignedPsbt() throws Exception {
        String bob = (String) n.call(B, "getnewaddress", "[]");
        Map<?, ?> opted = (Map<?, ?>) n.call(A, "send", "{\"outputs\":[{\"" + bob + "\":3}],"
                + "\"options\":{\"fee_rate\":2,\"psbt\":true}}");
        assertEquals(true, opted.get("complete"));
        String txid = (String) opted.get("txid");
        assertFalse(((List<?>) n.call("getrawmempool", "[]")).contains(txid), "psbt=true commits nothing");
        org.btcmp.wallet.psbt.Psbt psbt = org.btcmp.wallet.psbt.Psbt.fromBase64((String) opted.get("psbt"));
        for (int i = 0; i < psbt.inputCount(); i++) {
            assertTrue(psbt.isFinalized(i), "input " + i + " signed and finalized");
        }
        Map<?, ?> finalized = (Map<?, ?>) n.call("finalizepsbt", "[\"" + opted.get("psbt") + "\"]");
        assertEquals(true, finalized.get("complete"));
        assertEquals(opted.get("hex"), finalized.get("hex"));
        assertEquals(txid, n.call("sendrawtransaction", "[\"" + finalized.get("hex") + "\"]"));
    }

    @Test
    void lockedWalletsSendHandsBackAnUnsignedPsbt() throws Exception {
        String bob = (String) n.call(B, "getnewaddress", "[]");
        n.call(A, "encryptwallet", "[\"pw\"]");
        Map<?, ?> locked = (Map<?, ?>) n.call(A, "send", "{\"outputs\":{\"" + bob + "\":1},\"fee_rate\":2,"
                + "\"options\":{\"add_to_wallet\":false}}");
        assertEquals(false, locked.get("complete"));
        assertFalse(locked.containsKey("hex"));
        assertFalse(locked.containsKey("txid"));
        Map<?, ?> notCommitted = (Map<?, ?>) n.call(A, "send", "{\"outputs\":{\"" + bob + "\":1},\"fee_rate\":2}");
        assertEquals(false, notCommitted.get("complete"), "as Core, a locked wallet's send is not an error");
        assertTrue(notCommitted.containsKey("psbt"));
        assertEquals(List.of(), n.call("getrawmempool", "[]"));
        n.call(A, "walletpassphrase", "[\"pw\", 60]");
        Map<?, ?> signed = (Map<?, ?>) n.call(A, "walletprocesspsbt", "[\"" + locked.get("psbt") + "\"]");
        assertEquals(true, signed.get("complete"), "the same PSBT signs once unlocked");
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

    @Test
    void bip32DerivationsNameTheWalletsKeys() throws Exception {
        String bob = (String) n.call("/wallet/bob", "getnewaddress", "[\"\", \"bech32m\"]");
        Map<?, ?> funded = (Map<?, ?>) n.call(A, "walletcreatefundedpsbt", "[[], [{\"" + bob + "\": 1}], 0,"
                + " {\"fee_rate\": 2}]");
        org.btcmp.wallet.psbt.Psbt psbt = org.btcmp.wallet.psbt.Psbt.fromBase64((String) funded.get("psbt"));
        org.btcmp.primitives.TxOut spent = psbt.witnessUtxo(0).orElseThrow();
        Map<?, ?> inputInfo = (Map<?, ?>) n.call(A, "getaddressinfo", "[\"" + address(spent.scriptPubKey()) + "\"]");
        boolean taprootInput = spent.scriptPubKey().isP2TR();
        org.btcmp.wallet.psbt.Psbt.Entry derivation = psbt.inputRecords(0).stream()
                .filter(e -> e.type() == (taprootInput ? 0x16 : 0x06)).findFirst()
                .orElseThrow(() -> new AssertionError("no BIP32 derivation of the input"));
        if (!taprootInput) {
            byte[] pubkey = java.util.Arrays.copyOfRange(derivation.key(), 1, derivation.key().length);
            assertEquals(inputInfo.get("pubkey"), java.util.HexFormat.of().formatHex(pubkey));
        }
        assertEquals(inputInfo.get("hdmasterfingerprint") + "|" + inputInfo.get("hdkeypath"),
                origin(derivation.value(), taprootInput ? 1 : 0));

        int change = (int) (long) (Long) funded.get("changepos");
        org.btcmp.primitives.Script changeScript = psbt.unsignedTx().outputs().get(change).scriptPubKey();
        assertTrue(changeScript.isP2TR(), "paying taproot, the change is taproot too");
        Map<?, ?> changeInfo = (Map<?, ?>) n.call(A, "getaddressinfo", "[\"" + address(changeScript) + "\"]");
        org.btcmp.wallet.psbt.Psbt.Entry tapDerivation = psbt.outputRecords(change).stream().filter(e -> e.type() == 0x07)
                .findFirst().orElseThrow(() -> new AssertionError("no PSBT_OUT_TAP_BIP32_DERIVATION"));
        assertEquals(33, tapDerivation.key().length, "type and x-only key");
        assertEquals(0, tapDerivation.value()[0], "no leaf hashes");
        assertEquals(changeInfo.get("hdmasterfingerprint") + "|" + changeInfo.get("hdkeypath"),
                origin(tapDerivation.value(), 1));
        assertTrue(((String) changeInfo.get("hdkeypath")).contains("/1/"), "an internal key: " + changeInfo);
        byte[] internal = psbt.outputRecords(change).stream().filter(e -> e.type() == 0x05).findFirst().orElseThrow().value();
        assertArrayEquals(java.util.Arrays.copyOfRange(tapDerivation.key(), 1, 33), internal);
        int bobsOutput = 1 - change;
        assertEquals(List.of(), psbt.outputRecords(bobsOutput), "nothing about bob's key");

        Map<?, ?> bare = (Map<?, ?>) n.call(A, "walletcreatefundedpsbt", "{\"outputs\":[{\"" + bob + "\": 1}],"
                + "\"options\":{\"fee_rate\": 2},\"bip32derivs\":false}");
        org.btcmp.wallet.psbt.Psbt without = org.btcmp.wallet.psbt.Psbt.fromBase64((String) bare.get("psbt"));
        assertTrue(without.inputRecords(0).stream().noneMatch(e -> e.type() == 0x06 || e.type() == 0x16),
                "bip32derivs=false adds none");
        org.btcmp.wallet.psbt.Psbt processed = org.btcmp.wallet.psbt.Psbt.fromBase64((String) ((Map<?, ?>) n.call(A,
                "walletprocesspsbt", "[\"" + bare.get("psbt") + "\", false]")).get("psbt"));
        assertTrue(processed.inputRecords(0).stream().anyMatch(e -> e.type() == 0x06 || e.type() == 0x16),
                "walletprocesspsbt adds them (bip32derivs defaults to true)");
    }

    private String address(org.btcmp.primitives.Script script) {
        return org.btcmp.primitives.script.Address.fromScript(script,
                org.btcmp.primitives.ChainParams.of(org.btcmp.common.args.ChainType.REGTEST)).orElseThrow();
    }

    /** "fingerprint|m/..." from a derivation value (after {@code skip} leaf-hash count bytes). */
    private static String origin(byte[] value, int skip) {
        StringBuilder path = new StringBuilder(java.util.HexFormat.of().formatHex(value, skip, skip + 4)).append("|m");
        for (int at = skip + 4; at < value.length; at += 4) {
            long step = (value[at] & 0xffL) | (value[at + 1] & 0xffL) << 8 | (value[at + 2] & 0xffL) << 16
                    | (value[at + 3] & 0xffL) << 24;
            path.append('/').append(step & 0x7fffffffL).append(step >= 0x80000000L ? "h" : "");
        }
        return path.toString();
    }
}

package org.btcmp.wallet.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sighash type Core accepts, on the wallet's P2WPKH and P2TR inputs, signed by
 * signrawtransactionwithwallet and walletprocesspsbt: the signature carries the type (none for a
 * taproot DEFAULT) and the node's own script check accepts the result.
 */
class WalletRpcSighashTest {
    private static final String A = "/wallet/alice";
    private static final List<String> TYPES = List.of("DEFAULT", "ALL", "NONE", "SINGLE", "ALL|ANYONECANPAY",
            "NONE|ANYONECANPAY", "SINGLE|ANYONECANPAY");
    private static final Map<String, Integer> NUMBERS = Map.of("DEFAULT", 0, "ALL", 1, "NONE", 2, "SINGLE", 3,
            "ALL|ANYONECANPAY", 0x81, "NONE|ANYONECANPAY", 0x82, "SINGLE|ANYONECANPAY", 0x83);

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

    /** A confirmed coin of 1 BTC on a new address of {@code type}: its outpoint. */
    private OutPoint coin(String type) throws Exception {
        String address = (String) n.call(A, "getnewaddress", "[\"\", \"" + type + "\"]");
        String txid = (String) n.call(A, "sendtoaddress", "{\"address\":\"" + address + "\",\"amount\":1,\"fee_rate\":2}");
        n.call("generatetoaddress", "[1, \"" + n.call(A, "getnewaddress", "[]") + "\"]");
        Transaction tx = Transaction.fromHex((String) ((Map<?, ?>) n.call(A, "gettransaction", "[\"" + txid + "\"]")).get("hex"));
        for (int i = 0; i < tx.outputs().size(); i++) {
            if (tx.outputs().get(i).value() == 100_000_000) {
                return new OutPoint(Hash256.fromHex(txid), i);
            }
        }
        throw new AssertionError("no 1 BTC output in " + txid);
    }

    private Transaction spending(OutPoint coin) throws Exception {
        String to = (String) ((Map<?, ?>) n.call(A, "getaddressinfo", "[\"" + n.call(A, "getnewaddress", "[]") + "\"]"))
                .get("scriptPubKey");
        return new Transaction(2, List.of(new TxIn(coin, Script.EMPTY, 0xfffffffdL)),
                List.of(new TxOut(99_990_000, Script.fromHex(to))), 0);
    }

    private void assertAccepted(String hex) throws Exception {
        Map<?, ?> verdict = (Map<?, ?>) ((List<?>) n.call("testmempoolaccept", "[[\"" + hex + "\"]]")).get(0);
        assertEquals(true, verdict.get("allowed"), verdict.toString());
    }

    @Test
    void signRawTransactionWithWalletSignsWithEveryType() throws Exception {
        for (String addressType : List.of("bech32", "bech32m")) {
            OutPoint coin = coin(addressType);
            for (String type : TYPES) {
                Transaction unsigned = spending(coin);
                Map<?, ?> signed = (Map<?, ?>) n.call(A, "signrawtransactionwithwallet", "[\""
                        + HexFormat.of().formatHex(unsigned.toBytes()) + "\", [], \"" + type + "\"]");
                assertEquals(true, signed.get("complete"), type + " " + signed);
                byte[] sig = Transaction.fromHex((String) signed.get("hex")).inputs().get(0).witness().get(0);
                int number = NUMBERS.get(type);
                if (addressType.equals("bech32m") && number == 0) {
                    assertEquals(64, sig.length, "a taproot DEFAULT signature has no type byte");
                } else {
                    assertEquals(number == 0 ? 1 : number, sig[sig.length - 1] & 0xff, addressType + " " + type);
                }
                assertAccepted((String) signed.get("hex"));
            }
        }
        NodeWithWallets.Failure bad = assertThrows(NodeWithWallets.Failure.class, () -> n.call(A,
                "signrawtransactionwithwallet", "[\"" + HexFormat.of().formatHex(spending(coin("bech32")).toBytes())
                        + "\", [], \"ANYONECANPAY\"]"));
        assertEquals(-8, bad.code);
        assertEquals("'ANYONECANPAY' is not a valid sighash parameter.", bad.text());
    }

    @Test
    void walletProcessPsbtSignsWithTheRequestedOrStoredType() throws Exception {
        OutPoint coin = coin("bech32");
        String psbt = psbtOf(spending(coin), null);
        Map<?, ?> single = (Map<?, ?>) n.call(A, "walletprocesspsbt", "[\"" + psbt + "\", true, \"SINGLE|ANYONECANPAY\"]");
        assertEquals(true, single.get("complete"));
        byte[] sig = Transaction.fromHex((String) single.get("hex")).inputs().get(0).witness().get(0);
        assertEquals(0x83, sig[sig.length - 1] & 0xff);
        assertAccepted((String) single.get("hex"));

        String asksForNone = psbtOf(spending(coin), 2);
        Map<?, ?> stored = (Map<?, ?>) n.call(A, "walletprocesspsbt", "[\"" + asksForNone + "\"]");
        byte[] storedSig = Transaction.fromHex((String) stored.get("hex")).inputs().get(0).witness().get(0);
        assertEquals(2, storedSig[storedSig.length - 1] & 0xff, "the type the PSBT asks for");
        NodeWithWallets.Failure mismatch = assertThrows(NodeWithWallets.Failure.class,
                () -> n.call(A, "walletprocesspsbt", "[\"" + asksForNone + "\", true, \"ALL\"]"));
        assertEquals(-22, mismatch.code);
        assertEquals("Specified sighash value does not match value stored in PSBT", mismatch.text());
    }

    /** A BIP174 PSBT of {@code tx} with an optional PSBT_IN_SIGHASH_TYPE record, written byte by byte. */
    private static String psbtOf(Transaction tx, Integer sighash) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {'p', 's', 'b', 't', (byte) 0xff});
        byte[] raw = tx.toBytes();
        out.writeBytes(new byte[] {1, 0});
        writeCompact(out, raw.length);
        out.writeBytes(raw);
        out.write(0);
        if (sighash != null) {
            out.writeBytes(new byte[] {1, 3, 4, (byte) (int) sighash, 0, 0, 0});
        }
        out.write(0);
        out.write(0); // the one output's empty map
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static void writeCompact(java.io.ByteArrayOutputStream out, int n) {
        if (n < 0xfd) {
            out.write(n);
        } else {
            out.write(0xfd);
            out.write(n & 0xff);
            out.write(n >>> 8);
        }
    }
}

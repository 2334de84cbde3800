package org.btcmp.wallet.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A payment double-spent by a mined transaction: conflicted with Core's negative depth (the conflicting
 * block's confirmations), its wallet descendants with it, walletconflicts on both sides, back to
 * unconfirmed when the block goes; gettransaction verbose=true's decoded form.
 */
class WalletRpcConflictsTest {
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

    private Map<?, ?> tx(String path, String txid) throws Exception {
        return (Map<?, ?>) n.call(path, "gettransaction", "[\"" + txid + "\"]");
    }

    private void mine(int blocks) throws Exception {
        n.call("generatetoaddress", "[" + blocks + ", \"" + n.call(A, "getnewaddress", "[]") + "\"]");
    }

    @Test
    void aMinedDoubleSpendConflictsThePaymentAndItsChild() throws Exception {
        String bob = (String) n.call(B, "getnewaddress", "[]");
        String payment = (String) n.call(A, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":10,\"fee_rate\":2}");
        String child = (String) n.call(A, "sendtoaddress", "{\"address\":\"" + bob + "\",\"amount\":5,\"fee_rate\":2}");
        assertTrue(((Transaction.fromHex((String) tx(A, child).get("hex"))).inputs().stream()
                .anyMatch(in -> in.prevout().txid().toString().equals(payment))), "the child spends the payment's change");

        // alice double-spends the payment's coin back to herself, at a higher fee, and it is mined
        Transaction paid = Transaction.fromHex((String) tx(A, payment).get("hex"));
        String self = (String) ((Map<?, ?>) n.call(A, "getaddressinfo", "[\"" + n.call(A, "getnewaddress", "[]")
                + "\"]")).get("scriptPubKey");
        Transaction unsigned = new Transaction(2, List.of(new TxIn(paid.inputs().get(0).prevout(), Script.EMPTY,
                0xfffffffdL)), List.of(new TxOut(50L * 100_000_000 - 1_000_000, Script.fromHex(self))), 0);
        Map<?, ?> signed = (Map<?, ?>) n.call(A, "signrawtransactionwithwallet",
                "[\"" + HexFormat.of().formatHex(unsigned.toBytes()) + "\"]");
        assertEquals(true, signed.get("complete"));
        String doubleSpend = (String) n.call("sendrawtransaction", "[\"" + signed.get("hex") + "\"]");
        mine(1);

        Map<?, ?> conflicted = tx(A, payment);
        assertEquals(-1L, conflicted.get("confirmations"));
        assertEquals(List.of(doubleSpend), conflicted.get("walletconflicts"));
        assertEquals(false, conflicted.get("trusted"));
        assertFalse(conflicted.containsKey("blockhash"));
        assertEquals(List.of(payment), tx(A, doubleSpend).get("walletconflicts"));
        assertEquals(1L, tx(A, doubleSpend).get("confirmations"));
        assertEquals(-1L, tx(A, child).get("confirmations"), "a descendant of a conflicted transaction is conflicted");
        assertEquals(-1L, tx(B, payment).get("confirmations"), "the payee sees it too");
        mine(2);
        assertEquals(-3L, tx(A, payment).get("confirmations"), "minus the conflicting block's confirmations");
        assertEquals(-3L, tx(A, child).get("confirmations"));
        assertEquals(new BigDecimal("0E-8"), n.call(B, "getbalance", "[\"*\", 0]"));

        String block = (String) n.call("getblockhash", "[102]");
        n.call("invalidateblock", "[\"" + block + "\"]");
        assertEquals(0L, tx(A, payment).get("confirmations"), "the conflict goes with its block");
        assertEquals(0L, tx(A, child).get("confirmations"));
        n.call("reconsiderblock", "[\"" + block + "\"]");
        assertEquals(-3L, tx(A, payment).get("confirmations"));
    }

    @Test
    void verboseGetTransactionDecodesAsTheNodeDoes() throws Exception {
        String bob = (String) n.call(B, "getnewaddress", "[\"\", \"bech32m\"]");
        String bob2 = (String) n.call(B, "getnewaddress", "[]");
        String txid = (String) ((Map<?, ?>) n.call(A, "send", "{\"outputs\":[{\"" + bob + "\":1},{\"" + bob2 + "\":1},"
                + "{\"data\":\"beef\"}],"
                + "\"fee_rate\":2}")).get("txid");
        Map<?, ?> plain = tx(A, txid);
        assertFalse(plain.containsKey("decoded"));
        Map<?, ?> verbose = (Map<?, ?>) n.call(A, "gettransaction", "{\"txid\":\"" + txid + "\",\"verbose\":true}");
        Map<?, ?> decoded = (Map<?, ?>) verbose.get("decoded");
        Map<?, ?> byNode = (Map<?, ?>) n.call("decoderawtransaction", "[\"" + verbose.get("hex") + "\"]");
        assertEquals(byNode, decoded, "both decode with the same shared code, descriptors included");
        List<String> descs = ((List<?>) decoded.get("vout")).stream()
                .map(o -> (String) ((Map<?, ?>) ((Map<?, ?>) o).get("scriptPubKey")).get("desc")).toList();
        assertTrue(descs.stream().anyMatch(d -> d.startsWith("rawtr(") && d.matches(".*#[a-z0-9]{8}")), descs.toString());
        assertTrue(descs.contains("raw(6a02beef)#" + org.btcmp.primitives.script.Descriptor.checksum("raw(6a02beef)")),
                descs.toString());
        assertTrue(descs.stream().anyMatch(d -> d.startsWith("addr(bcrt1q")), "bob's bech32 address: " + descs);
    }
}

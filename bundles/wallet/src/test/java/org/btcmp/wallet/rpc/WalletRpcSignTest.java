package org.btcmp.wallet.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** signrawtransactionwithwallet: signs the wallet's inputs of a transaction made elsewhere; says why others stay unsigned. */
class WalletRpcSignTest {
    @TempDir
    Path dir;
    NodeWithWallets n;

    @BeforeEach
    void start() throws Exception {
        n = new NodeWithWallets(dir, 0);
        n.call("createwallet", "[\"w\"]");
    }

    @AfterEach
    void stop() throws Exception {
        n.close();
    }

    @Test
    void signsOwnInputsAndTheNodeAcceptsTheResult() throws Exception {
        for (String type : List.of("bech32", "bech32m")) {
            n.call("generatetoaddress", "[1, \"" + n.call("getnewaddress", "[\"\", \"" + type + "\"]") + "\"]");
        }
        n.call("generatetoaddress", "[100, \"" + n.call("getnewaddress", "[]") + "\"]");
        List<?> coins = (List<?>) n.call("listunspent", "[]");
        assertEquals(2, coins.size(), "a P2WPKH and a P2TR coinbase matured");
        StringBuilder inputs = new StringBuilder("[");
        for (Object c : coins) {
            Map<?, ?> coin = (Map<?, ?>) c;
            inputs.append(inputs.length() > 1 ? "," : "").append("{\"txid\":\"").append(coin.get("txid"))
                    .append("\",\"vout\":").append(coin.get("vout")).append('}');
        }
        inputs.append(']');
        String to = (String) n.call("getnewaddress", "[]");
        String unsigned = (String) n.call("createrawtransaction", "[" + inputs + ", {\"" + to + "\": 99.999}]");

        Map<?, ?> signed = (Map<?, ?>) n.call("signrawtransactionwithwallet", "[\"" + unsigned + "\"]");
        assertEquals(true, signed.get("complete"), signed.toString());
        String txid = (String) n.call("sendrawtransaction", "[\"" + signed.get("hex") + "\"]");
        n.call("generatetoaddress", "[1, \"" + to + "\"]");
        assertEquals(1L, ((Map<?, ?>) n.call("gettransaction", "[\"" + txid + "\"]")).get("confirmations"));

        String stranger = (String) n.call("createrawtransaction", "[[{\"txid\":\"" + "11".repeat(32) + "\",\"vout\":0}],"
                + " {\"" + to + "\": 1}]");
        Map<?, ?> partial = (Map<?, ?>) n.call("signrawtransactionwithwallet", "[\"" + stranger + "\"]");
        assertEquals(false, partial.get("complete"));
        Map<?, ?> error = (Map<?, ?>) ((List<?>) partial.get("errors")).get(0);
        assertEquals("Input not found or already spent", error.get("error"));
        assertEquals("11".repeat(32), error.get("txid"));
        assertEquals(stranger, partial.get("hex"), "an input nobody can sign is left as it was");

        NodeWithWallets.Failure decode = assertThrows(NodeWithWallets.Failure.class,
                () -> n.call("signrawtransactionwithwallet", "[\"00ff\"]"));
        assertEquals(-22, decode.code);
        assertEquals("TX decode failed. Make sure the tx has at least one input.", decode.text());
        assertEquals(-8, assertThrows(NodeWithWallets.Failure.class,
                () -> n.call("signrawtransactionwithwallet", "[\"" + unsigned + "\", [], \"SOME\"]")).code);
        assertEquals(new BigDecimal("149.99900000"), n.call("getbalance", "[]"), "the payment plus the coinbase of block 3, now mature");
    }
}

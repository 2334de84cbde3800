package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same script of RPC calls against bitcoind (node and wallet in one process) and against
 * bitcoin-node with its wallet process: with mock time and a wallet of fixed keys, every reply is equal
 * except the fields named in {@link #DIFFERING}: the wallet picks the change output's position at random
 * (so the payment's txid, wtxid, hex and vout differ), and stamps wallet transactions with its own clock.
 */
class DeploymentEqualityTest {
    /** Fields whose values may differ between two runs of the same script, in any deployment. */
    static final List<String> DIFFERING = List.of("txid", "wtxid", "hex", "vout", "time", "timereceived");
    /**
     * The master key of BIP32's test vector 1 (seed 000102030405060708090a0b0c0d0e0f) with the testnet
     * version bytes.
     */
    private static final String TPRV =
            "tprv8ZgxMBicQKsPeDgjzdC36fs6bMjGApWDNLR9erAXMs5skhMv36j9MV5ecvfavji5khqjWaWSFhN3YcCUUdiKH6isR4Pwy3U5y5egddBr16m";

    @TempDir
    Path tmp;

    @Test
    void monolithicAndMultiprocessAnswerTheSameScriptAlike() throws Exception {
        List<String> monolithic = runScript("bitcoind", Files.createDirectory(tmp.resolve("monolithic")));
        List<String> multiprocess = runScript("bitcoin-node", Files.createDirectory(tmp.resolve("multiprocess")));
        assertEquals(monolithic.size(), multiprocess.size());
        for (int i = 0; i < monolithic.size(); i++) {
            assertEquals(monolithic.get(i), multiprocess.get(i), "reply " + i + " differs beyond " + DIFFERING);
        }
    }

    /** Runs the script against {@code executable} on a fresh datadir; returns each reply, normalized. */
    private List<String> runScript(String executable, Path dataDir) throws Exception {
        int port = RunningNode.freePort();
        List<String> replies = new ArrayList<>();
        try (RunningNode node = RunningNode.start(dataDir, dataDir.resolve("regtest/.cookie"), executable, "-regtest",
                "-datadir=" + dataDir, "-rpcport=" + port, "-fallbackfee=0.0002")) {
            WalletRpcScript rpc = new WalletRpcScript(dataDir, port);
            rpc.awaitWalletRpc();
            replies.add(rpc.ok("setmocktime", "1700000000"));
            replies.add(rpc.ok("createwallet", "wallet_name=w", "blank=true"));
            String receive = DescriptorChecksum.withChecksum("wpkh(" + TPRV + "/84h/1h/0h/0/*)");
            String change = DescriptorChecksum.withChecksum("wpkh(" + TPRV + "/84h/1h/0h/1/*)");
            replies.add(rpc.ok("-rpcwallet=w", "importdescriptors", "[{\"desc\":\"" + receive + "\",\"active\":true,"
                    + "\"timestamp\":\"now\",\"range\":[0,20]},{\"desc\":\"" + change + "\",\"active\":true,"
                    + "\"internal\":true,\"timestamp\":\"now\",\"range\":[0,20]}]"));
            String mineTo = rpc.ok("-rpcwallet=w", "getnewaddress");
            replies.add(mineTo);
            replies.add(rpc.ok("generatetoaddress", "101", mineTo));
            replies.add(rpc.ok("-rpcwallet=w", "getbalances"));
            replies.add(rpc.ok("-rpcwallet=w", "listunspent"));
            String payTo = rpc.ok("-rpcwallet=w", "getnewaddress");
            replies.add(payTo);
            String txid = rpc.ok("-rpcwallet=w", "sendtoaddress", payTo, "1.5");
            assertTrue(txid.matches("[0-9a-f]{64}"), txid);
            replies.add(rpc.ok("-rpcwallet=w", "gettransaction", txid));
            replies.add(rpc.ok("-rpcwallet=w", "getbalances"));
            replies.add(rpc.ok("getmempoolinfo"));
            assertEquals(0, rpc.rpc("stop").exitCode());
            assertEquals(0, node.awaitExit());
            assertEquals("", node.stderr());
        }
        return replies.stream().map(DeploymentEqualityTest::withoutDifferingFields).toList();
    }

    /** The reply with the value of each field in {@link #DIFFERING} replaced by a marker. */
    static String withoutDifferingFields(String json) {
        String out = json;
        for (String field : DIFFERING) {
            out = out.replaceAll("(\"" + field + "\": )(\"[^\"]*\"|-?[0-9]+)", "$1<differs>");
        }
        return out;
    }
}

package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two wallet processes behind one node, each with its own wallet: the node's own (spawned, -ipcfd)
 * and one a user started (-ipcconnect). Requests reach the process that has the wallet the path names.
 */
class WalletRoutingTest {
    private static final long NO_HANG_SECONDS = 60;

    @TempDir
    Path dataDir;

    @Test
    void aSpawnedAndAConnectedWalletProcessEachServeTheirOwnWallet() throws Exception {
        Executable.Result created = Executable.run("bitcoin", "wallet", "-regtest", "-datadir=" + dataDir, "-wallet=b", "create");
        assertEquals(0, created.exitCode(), created.stderr());
        int port = RunningNode.freePort();
        try (RunningNode node = RunningNode.start(dataDir, dataDir.resolve("regtest/node.sock"), "bitcoin-node", "-regtest",
                "-datadir=" + dataDir, "-rpcport=" + port, "-ipcbind=unix", "-fallbackfee=0.0002")) {
            WalletRpcScript rpc = new WalletRpcScript(dataDir, port);
            rpc.awaitWalletRpc();
            assertTrue(rpc.ok("createwallet", "a").contains("\"a\""), "the first wallet process (the node's own) creates it");
            try (RunningNode connected = RunningNode.launch(dataDir, "bitcoin-wallet", "-regtest", "-datadir=" + dataDir,
                    "-ipcconnect=unix", "-wallet=b", "-fallbackfee=0.0002")) {
                awaitListed(rpc, "\"b\"");
                String listed = rpc.ok("listwallets");
                assertTrue(listed.contains("\"a\"") && listed.contains("\"b\""), "listwallets covers both processes: " + listed);

                String toA = rpc.ok("-rpcwallet=a", "getnewaddress");
                String toB = rpc.ok("-rpcwallet=b", "getnewaddress");
                rpc.ok("generatetoaddress", "101", toA);
                assertEquals(new BigDecimal("50.00000000"), new BigDecimal(rpc.ok("-rpcwallet=a", "getbalance")));
                assertEquals(new BigDecimal("0E-8"), new BigDecimal(rpc.ok("-rpcwallet=b", "getbalance")));
                String txid = rpc.ok("-rpcwallet=a", "sendtoaddress", toB, "5");
                rpc.ok("generatetoaddress", "1", toA);
                assertEquals(new BigDecimal("5.00000000"), new BigDecimal(rpc.ok("-rpcwallet=b", "getbalance")),
                        "the connected process's wallet saw the payment from the spawned process's wallet");
                assertTrue(rpc.ok("-rpcwallet=b", "gettransaction", txid).contains("\"confirmations\": 1"));

                Executable.Result ambiguous = rpc.rpc("getbalance");
                assertEquals(19, ambiguous.exitCode());
                assertTrue(ambiguous.stderr().startsWith("error code: -19\nerror message:\nWallet file not specified "
                        + "(must request wallet RPC through /wallet/<filename> uri-path)."), "two wallets loaded: " + ambiguous);
                Executable.Result twice = rpc.rpc("loadwallet", "b");
                assertEquals(new Executable.Result(35, "", "error code: -35\nerror message:\nWallet \"b\" is already loaded.\n"),
                        twice, "one wallet is never loaded in two processes");
                Executable.Result missing = rpc.rpc("-rpcwallet=c", "getbalance");
                assertEquals(new Executable.Result(18, "", "error code: -18\nerror message:\nRequested wallet does not exist "
                        + "or is not loaded\n"), missing);

                connected.process().destroyForcibly();
                connected.process().waitFor(NO_HANG_SECONDS, TimeUnit.SECONDS);
                awaitListedExactly(rpc, "[\n  \"a\"\n]");
                assertEquals(new BigDecimal("50.00000000").subtract(new BigDecimal("5")).compareTo(
                        new BigDecimal(rpc.ok("-rpcwallet=a", "getbalance"))) < 0, true, "a keeps its coins less the payment");
            }
            assertEquals(0, rpc.rpc("stop").exitCode());
            assertEquals(0, node.awaitExit());
            assertEquals("", node.stderr());
        }
    }

    private static void awaitListed(WalletRpcScript rpc, String fragment) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(NO_HANG_SECONDS);
        while (!rpc.rpc("listwallets").stdout().contains(fragment)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(fragment + " not in listwallets within " + NO_HANG_SECONDS + " s");
            }
            Thread.sleep(100);
        }
    }

    /** listwallets becomes exactly {@code json} (a wallet process that died leaves it). */
    private static void awaitListedExactly(WalletRpcScript rpc, String json) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(NO_HANG_SECONDS);
        String last = rpc.rpc("listwallets").stdout().strip();
        while (!last.equals(json)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("listwallets is " + last + ", not " + json);
            }
            Thread.sleep(100);
            last = rpc.rpc("listwallets").stdout().strip();
        }
    }
}

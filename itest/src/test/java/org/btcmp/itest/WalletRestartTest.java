package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bitcoin-node's own wallet process killed (-9) and restarted: its RPC commands leave the node as soon as
 * the process is gone (callers get Core's errors, not a transport's), come back with the new process,
 * and the new process loads the wallets that were loaded when the old one died, not one unloaded before.
 */
class WalletRestartTest {
    private static final long NO_HANG_SECONDS = 60;

    @TempDir
    Path dataDir;

    @Test
    void aKilledWalletsCommandsGoAtOnceAndComeBackWithItsLoadedWallets() throws Exception {
        int port = RunningNode.freePort();
        try (RunningNode node = RunningNode.start(dataDir, dataDir.resolve("regtest/.cookie"), "bitcoin-node", "-regtest",
                "-datadir=" + dataDir, "-rpcport=" + port, "-fallbackfee=0.0002")) {
            WalletRpcScript rpc = new WalletRpcScript(dataDir, port);
            rpc.awaitWalletRpc();
            for (String wallet : List.of("w1", "w2", "w3")) {
                rpc.ok("createwallet", wallet);
            }
            rpc.ok("unloadwallet", "w2");
            String address = rpc.ok("-rpcwallet=w1", "getnewaddress");
            rpc.ok("generatetoaddress", "1", address);
            String balances = rpc.ok("-rpcwallet=w1", "getbalances");
            assertEquals("[\n  \"w1\",\n  \"w3\"\n]", rpc.ok("listwallets"));
            JsonRpcCall http = new JsonRpcCall(dataDir, port);
            assertTrue(http.call("/", "help", "[]").contains("getbalance"), "the wallet's commands are listed");

            ProcessHandle wallet = walletChild(node);
            assertTrue(wallet.destroyForcibly());
            wallet.onExit().get(NO_HANG_SECONDS, TimeUnit.SECONDS);
            // At once (the restart waits a backoff and a JVM start): the commands are gone, as without a wallet.
            String help = http.call("/", "help", "[]");
            String getbalance = http.call("/wallet/w1", "getbalance", "[]");
            assertFalse(help.contains("getbalance"), "the dead process's commands left help: " + help);
            assertEquals("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":1}",
                    getbalance);
            assertEquals("{\"jsonrpc\":\"2.0\",\"result\":\"help: unknown command: listwallets\",\"id\":1}",
                    http.call("/", "help", "[\"listwallets\"]"));
            assertEquals("{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":1}", http.call("/", "getblockcount", "[]"),
                    "the node keeps serving");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(NO_HANG_SECONDS);
            Executable.Result listed = rpc.rpc("listwallets");
            while (!(listed.exitCode() == 0 && listed.stdout().contains("w3")) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                listed = rpc.rpc("listwallets");
            }
            assertEquals("[\n  \"w1\",\n  \"w3\"\n]", listed.stdout().strip(),
                    "the restarted process loads w1 and w3, not w2 (unloaded before the kill)");
            assertTrue(http.call("/", "help", "[]").contains("getbalance"), "the commands are back");
            assertEquals(balances, rpc.ok("-rpcwallet=w1", "getbalances"), "balances unchanged");
            assertEquals(0, rpc.rpc("stop").exitCode());
            assertEquals(0, node.awaitExit());
        }
    }

    private static ProcessHandle walletChild(RunningNode node) {
        List<ProcessHandle> children = node.process().toHandle().descendants()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("-ipcfd=")).orElse(false))
                .toList();
        assertEquals(1, children.size(), "one bitcoin-wallet -ipcfd child");
        return children.get(0);
    }
}

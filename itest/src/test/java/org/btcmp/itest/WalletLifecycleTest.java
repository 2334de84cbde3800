package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wallet processes coming and going: bitcoin-node spawns its wallet process (-ipcfd) and restarts it
 * after a kill -9 with its wallets loaded again; a killed node ends a connected wallet process.
 */
class WalletLifecycleTest {
    private static final long NO_HANG_SECONDS = 60;

    @TempDir
    Path dataDir;

    private static List<ProcessHandle> walletChildren(RunningNode node) {
        return node.process().toHandle().descendants()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("-ipcfd=")).orElse(false))
                .toList();
    }

    @Test
    void theNodesOwnWalletProcessServesTheWalletAndIsRestartedAfterAKill() throws Exception {
        int port = RunningNode.freePort();
        try (RunningNode node = RunningNode.start(dataDir, dataDir.resolve("regtest/.cookie"), "bitcoin-node", "-regtest",
                "-datadir=" + dataDir, "-rpcport=" + port, "-fallbackfee=0.0002")) {
            WalletRpcScript script = new WalletRpcScript(dataDir, port);
            script.awaitWalletRpc();
            script.run("w");
            String balance = script.ok("-rpcwallet=w", "getbalance");
            List<ProcessHandle> children = walletChildren(node);
            assertEquals(1, children.size(), "one bitcoin-wallet -ipcfd child");
            ProcessHandle first = children.get(0);

            assertTrue(first.destroyForcibly());
            first.onExit().get(NO_HANG_SECONDS, TimeUnit.SECONDS);
            Executable.Result gone = script.rpc("-rpcwallet=w", "getbalance");
            assertNotEquals(0, gone.exitCode(), "no wallet while its process is down: " + gone);
            assertEquals("102", script.ok("getblockcount"), "the node keeps serving");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(NO_HANG_SECONDS);
            Executable.Result back = script.rpc("-rpcwallet=w", "getbalance");
            while (back.exitCode() != 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                back = script.rpc("-rpcwallet=w", "getbalance");
            }
            assertEquals(0, back.exitCode(), "the wallet process is restarted and loads w again: " + back);
            assertEquals(balance, back.stdout().strip(), "balances unchanged");
            List<ProcessHandle> restarted = walletChildren(node);
            assertEquals(1, restarted.size());
            assertNotEquals(first.pid(), restarted.get(0).pid());

            assertEquals(0, script.rpc("stop").exitCode());
            assertEquals(0, node.awaitExit());
            assertEquals("", node.stderr(), "the wallet process ends cleanly with its node");
            restarted.get(0).onExit().get(NO_HANG_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKilledNodeEndsItsConnectedWalletProcessWithNodeDisconnected() throws Exception {
        int port = RunningNode.freePort();
        try (RunningNode node = RunningNode.start(dataDir, dataDir.resolve("regtest/node.sock"), "bitcoin-node", "-regtest",
                "-datadir=" + dataDir, "-rpcport=" + port, "-ipcbind=unix", "-nowalletprocess");
                RunningNode wallet = RunningNode.launch(dataDir, "bitcoin-wallet", "-regtest", "-datadir=" + dataDir,
                        "-ipcconnect=unix")) {
            WalletRpcScript script = new WalletRpcScript(dataDir, port);
            script.awaitWalletRpc();
            assertTrue(walletChildren(node).isEmpty(), "-nowalletprocess: no child");
            node.process().destroyForcibly();
            assertEquals(1, wallet.awaitExit(), "the wallet exits non-zero when its node dies");
            assertEquals("Error: node disconnected\n", wallet.stderr());
        }
    }
}

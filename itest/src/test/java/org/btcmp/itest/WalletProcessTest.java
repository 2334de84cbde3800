package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wallet as users run it: inside bitcoind (one process), and as a bitcoin-wallet process that
 * joins a bitcoin-node through node.sock; the same RPC script through the node's JSON-RPC either way.
 */
class WalletProcessTest {
    @TempDir
    Path dataDir;

    private Path cookie() {
        return dataDir.resolve("regtest/.cookie");
    }

    @Test
    void bitcoindServesTheWalletRpcsInOneProcess() throws Exception {
        int port = RunningNode.freePort();
        try (RunningNode node = RunningNode.start(dataDir, cookie(), "bitcoind", "-regtest", "-datadir=" + dataDir,
                "-rpcport=" + port, "-fallbackfee=0.0002")) {
            WalletRpcScript script = new WalletRpcScript(dataDir, port);
            script.awaitWalletRpc();
            script.run("w");
            assertEquals(0, script.rpc("stop").exitCode());
            assertEquals(0, node.awaitExit());
            assertEquals("", node.stderr(), "normal operation writes nothing to stderr");
        }
        // -wallet loads it at the next start.
        try (RunningNode node = RunningNode.start(dataDir, cookie(), "bitcoind", "-regtest", "-datadir=" + dataDir,
                "-rpcport=" + port, "-wallet=w")) {
            WalletRpcScript script = new WalletRpcScript(dataDir, port);
            script.awaitWalletRpc();
            assertTrue(script.ok("listwallets").contains("\"w\""));
            assertTrue(script.ok("-rpcwallet=w", "getbalance").startsWith("99.9999"));
            assertEquals(0, script.rpc("stop").exitCode());
            assertEquals(0, node.awaitExit());
            assertEquals("", node.stderr());
        }
    }

    @Test
    void disablewalletLeavesTheWalletRpcsOut() throws Exception {
        int port = RunningNode.freePort();
        try (RunningNode node = RunningNode.start(dataDir, cookie(), "bitcoind", "-regtest", "-datadir=" + dataDir,
                "-rpcport=" + port, "-disablewallet")) {
            WalletRpcScript script = new WalletRpcScript(dataDir, port);
            assertEquals("0", script.ok("-rpcwait", "-rpcwaittimeout=60", "getblockcount"));
            Executable.Result none = script.rpc("listwallets"); // bitcoin-cli exits with abs(code), cut to 8 bits by the OS
            assertEquals(new Executable.Result(32601 % 256, "", "error code: -32601\nerror message:\nMethod not found\n"), none);
            assertEquals(0, script.rpc("stop").exitCode());
            assertEquals(0, node.awaitExit());
        }
    }

    @Test
    void aWalletProcessJoinsTheNodeThroughNodeSockAndStopsWithIt() throws Exception {
        int port = RunningNode.freePort();
        Path socket = dataDir.resolve("regtest/node.sock");
        try (RunningNode node = RunningNode.start(dataDir, socket, "bitcoin-node", "-regtest", "-datadir=" + dataDir,
                "-rpcport=" + port, "-ipcbind=unix", "-nowalletprocess");
                RunningNode wallet = RunningNode.launch(dataDir, "bitcoin-wallet", "-regtest", "-datadir=" + dataDir,
                        "-ipcconnect=unix", "-fallbackfee=0.0002")) {
            WalletRpcScript script = new WalletRpcScript(dataDir, port);
            script.awaitWalletRpc();
            script.run("w");
            assertEquals(0, script.rpc("stop").exitCode());
            assertEquals(0, node.awaitExit());
            assertEquals("", node.stderr());
            assertEquals(0, wallet.awaitExit(), "stop over RPC ends the connected wallet process cleanly too");
            assertEquals("", wallet.stderr());
        }
    }

    @Test
    void aWalletProcessWithNoNodeIsOneClearLine() throws Exception {
        Executable.Result alone = Executable.run("bitcoin-wallet", "-regtest", "-datadir=" + dataDir, "-ipcconnect=unix");
        assertEquals(1, alone.exitCode());
        assertTrue(alone.stderr().startsWith("Error: Unable to connect to the node at unix:" + dataDir.resolve("regtest/node.sock")),
                alone.stderr());
        assertEquals(1, alone.stderr().lines().count(), alone.stderr());
        Executable.Result bad = Executable.run("bitcoin-wallet", "-regtest", "-datadir=" + dataDir, "-ipcconnect=tcp:1");
        assertEquals(new Executable.Result(1, "", "Error: Invalid -ipcconnect value: Unrecognized address 'tcp:1'\n"), bad);
    }
}

package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.btcmp.gui.view.GuiScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bitcoin-gui with its window (on the Xvfb display the gui scenario provides) as a real process: it starts
 * bitcoin-node, opens the window on the node's Node and wallets, follows the node's wallets and blocks, and
 * exits 0 when the node is stopped over RPC. A window that cannot open, or wallets it cannot reach, end the
 * process with an error line instead.
 */
class GuiWindowProcessTest {
    @TempDir
    Path dataDir;

    @Test
    void theWindowedGuiStartsItsNodeAndEndsCleanlyWithIt() throws Exception {
        GuiScenario.requireDisplay();
        int port = RunningNode.freePort();
        WalletRpcScript rpc = new WalletRpcScript(dataDir, port);
        try (RunningNode gui = RunningNode.launch(dataDir, "bitcoin-gui", "-regtest", "-datadir=" + dataDir, "-listen=0",
                "-rpcport=" + port, "-fallbackfee=0.0002")) {
            rpc.awaitWalletRpc();
            rpc.ok("createwallet", "w");
            String address = rpc.ok("-rpcwallet=w", "getnewaddress");
            rpc.ok("generatetoaddress", "101", address);
            Thread.sleep(1000); // the window refreshes on the notifications meanwhile
            assertTrue(gui.process().isAlive(), "the window is up: " + gui.stderr());
            assertEquals("", gui.stderr());
            assertEquals(0, rpc.rpc("stop").exitCode());
            assertEquals(0, gui.awaitExit(), gui.stderr());
            assertEquals("", gui.stderr());
            assertEquals("", gui.stdout(), "with a window, nothing on stdout");
        }
    }
}

package org.btcmp.common.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.btcmp.common.args.Args;
import org.btcmp.common.args.ArgsParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What bitcoin-gui passes on to the bitcoin-node it starts, and which options each GUI executable has. */
class GuiOptionsTest {
    @TempDir
    Path dataDir;

    @Test
    void theNodeGetsTheNodeOptionsFromTheCommandLineOnlyInTheirOrder() throws Exception {
        Files.writeString(dataDir.resolve("bitcoin.conf"), "[regtest]\nrpcport=19000\n");
        Args args = new ArgsParser(GuiOptions.TABLE, false, dataDir).parse("-regtest", "-headless", "-dbcache=100",
                "-ipcconnect=unix", "-nowalletprocess", "-debug=ipc", "-debug=rpc", "-fallbackfee=0.0002", "-min");
        List<String> passed = args.commandLine(GuiOptions::passedToNode);
        assertEquals(List.of("-regtest=", "-dbcache=100", "-nowalletprocess", "-debug=ipc", "-debug=rpc", "-fallbackfee=0.0002"),
                passed, "the file's settings are the node's to read; the GUI's own options stay with it");
        Args reparsed = new ArgsParser(ServerOptions.TABLE, false, dataDir).parse(passed.toArray(String[]::new));
        assertEquals("regtest", reparsed.chain().chainName());
        assertFalse(reparsed.getBool("walletprocess", true));
        assertEquals(List.of("ipc", "rpc"), reparsed.getAll("debug"));
        assertEquals("19000", reparsed.get("rpcport").orElseThrow(), "bitcoin.conf still counts for the node");
    }

    @Test
    void onlyBitcoinGuiConnectsAndOnlyASpawnedNodeTakesAnFd() {
        assertTrue(GuiOptions.TABLE.find("ipcconnect").isPresent());
        assertFalse(GuiOptions.TABLE.find("ipcfd").isPresent());
        assertFalse(GuiOptions.MONOLITHIC_TABLE.find("ipcconnect").isPresent());
        assertTrue(GuiOptions.MONOLITHIC_TABLE.find("headless").isPresent());
        assertTrue(GuiOptions.TABLE.find("dbcache").isPresent(), "every node option");
        assertFalse(GuiOptions.passedToNode("headless"));
        assertFalse(GuiOptions.passedToNode("ipcconnect"));
        assertTrue(GuiOptions.passedToNode("datadir"));
    }
}

package org.btcmp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.btcmp.common.args.ArgsException;
import org.btcmp.common.args.ArgsParser;
import org.btcmp.common.args.ChainType;
import org.btcmp.common.init.DebugCategories;
import org.btcmp.common.init.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSettingsTest {
    @TempDir
    Path dir;

    private NodeConfig read(String... argv) throws ArgsException {
        return NodeSettings.read(new ArgsParser(ServerOptions.TABLE, false, dir).parse(argv));
    }

    private String error(String... argv) {
        return assertThrows(ArgsException.class, () -> read(argv)).getMessage();
    }

    @Test
    void mainnetLivesAtTheRootAndUsesItsPortWithACookie() throws Exception {
        NodeConfig c = read();
        assertEquals(dir, c.networkDir());
        assertEquals(8332, c.effectiveRpcPort());
        assertEquals(dir.resolve(".cookie"), c.cookieFile());
        assertEquals(false, c.printToConsole(), "normal operation writes nothing to the console");
        assertNull(c.rpcUser());
    }

    @Test
    void theRegtestSectionOfBitcoinConfCountsOnRegtest() throws Exception {
        Files.writeString(dir.resolve("bitcoin.conf"), "regtest=1\nrpcport=1111\nprinttoconsole=1\n[regtest]\nrpcport=2222\n"
                + "rpcuser=u\nrpcpassword=p\ndebug=ipc\n");
        NodeConfig c = read();
        assertEquals(ChainType.REGTEST, c.network());
        assertEquals(dir.resolve("regtest"), c.networkDir());
        assertEquals(2222, c.effectiveRpcPort(), "rpcport at the top of the file is for mainnet only");
        assertEquals("u", c.rpcUser());
        assertEquals("p", c.rpcPassword());
        assertEquals(Set.of("ipc"), c.debugCategories());
        assertEquals(true, c.printToConsole());
        assertEquals(3333, read("-rpcport=3333").effectiveRpcPort(), "the command line wins");
        assertEquals(List.of(), c.warnings());
    }

    @Test
    void anUnknownKeyInBitcoinConfIsAWarningForDebugLog() throws Exception {
        Files.writeString(dir.resolve("bitcoin.conf"), "regtest=1\nfrobnicate=1\n");
        NodeConfig c = read();
        assertEquals(List.of("Ignoring unknown configuration value frobnicate (" + dir.resolve("bitcoin.conf") + " line 2)"),
                c.warnings());
    }

    @Test
    void rpcbindCookieFileAndIpcbind() throws Exception {
        NodeConfig c = read("-regtest", "-rpcbind=127.0.0.2:4444", "-rpccookiefile=auth/c", "-ipcbind=unix", "-ipcbind=unix:x.sock");
        assertEquals("127.0.0.2", c.rpcBind());
        assertEquals(4444, c.effectiveRpcPort());
        assertEquals(dir.resolve("regtest/auth/c"), c.cookieFile());
        assertEquals(List.of("unix", "unix:x.sock"), c.ipcBind());
        assertNull(read("-norpccookiefile").cookieFile());
        assertEquals(DebugCategories.KNOWN.size(), read("-debug").debugCategories().size());
        assertEquals(Set.of(), read("-debug=net", "-debug=0").debugCategories());
    }

    @Test
    void mempoolFileFeeEstimateAndClusterOptions() throws Exception {
        NodeOptions d = read("-regtest").options();
        assertEquals(false, d.persistMempoolV1());
        assertEquals(false, d.acceptStaleFeeEstimates());
        assertEquals(64, d.clusterCount());
        assertEquals(101, d.clusterSizeKvB());
        NodeOptions o = read("-regtest", "-persistmempoolv1", "-acceptstalefeeestimates", "-limitclustercount=10",
                "-limitclustersize=20").options();
        assertEquals(true, o.persistMempoolV1());
        assertEquals(true, o.acceptStaleFeeEstimates());
        assertEquals(10, o.clusterCount());
        assertEquals(20, o.clusterSizeKvB());
        assertEquals("Error: acceptstalefeeestimates is not supported on main chain.", error("-acceptstalefeeestimates"));
        assertEquals("Error: -limitclustercount must be between 1 and 64", error("-limitclustercount=65"));
        assertEquals("Error: -limitclustersize must be at least 1", error("-limitclustersize=0"));
    }

    @Test
    void badValuesAreOneLineInCoresWords() {
        assertEquals("Error: Invalid port specified in -rpcport: 'abc'", error("-rpcport=abc"));
        assertEquals("Error: Invalid port specified in -rpcport: '70000'", error("-rpcport=70000"));
        assertEquals("Error: Invalid port specified in -rpcbind: 'x'", error("-rpcbind=127.0.0.1:x"));
        assertEquals("Error: Unsupported logging category -debug=nonsense.", error("-debug=nonsense"));
        assertEquals("Error: Unable to bind to IPC address 'tcp:1'. Unrecognized address 'tcp:1'", error("-ipcbind=tcp:1"));
        assertEquals("Error: Invalid -ipcfd number 'three'", error("-ipcfd=three"));
        assertEquals("Error: signet is not supported yet (its chain parameters are not built)", error("-signet"));
    }
}

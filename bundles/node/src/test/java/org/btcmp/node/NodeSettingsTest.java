package org.btcmp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.btcmp.primitives.Network;
import org.junit.jupiter.api.Test;

class NodeSettingsTest {
    @Test
    void noDatadirMeansNoNode() {
        assertTrue(NodeSettings.read(Map.of(), k -> null).isEmpty());
    }

    @Test
    void configurationWinsOverFrameworkProperties() {
        NodeConfig c = NodeSettings.read(Map.of("datadir", "/tmp/a", "chain", "regtest"),
                k -> k.equals("btcmp.rpcport") ? "1234" : k.equals("btcmp.datadir") ? "/tmp/b" : null).orElseThrow();
        assertEquals(Path.of("/tmp/a"), c.dataDir());
        assertEquals(Network.REGTEST, c.network());
        assertEquals(1234, c.effectiveRpcPort());
        assertEquals(Path.of("/tmp/a/regtest"), c.networkDir());
    }

    @Test
    void printToConsoleIsOffUnlessAsked() {
        assertEquals(false, NodeSettings.read(Map.of("datadir", "/x"), k -> null).orElseThrow().printToConsole());
        assertEquals(true, NodeSettings.read(Map.of("datadir", "/x", "printtoconsole", "1"), k -> null).orElseThrow()
                .printToConsole());
    }

    @Test
    void mainnetLivesAtTheRootAndUsesItsPort() {
        NodeConfig c = NodeSettings.read(Map.of("datadir", "/tmp/m"), k -> null).orElseThrow();
        assertEquals(Path.of("/tmp/m"), c.networkDir());
        assertEquals(8332, c.effectiveRpcPort());
    }

    @Test
    void badValuesAreClearErrors() {
        assertEquals("Invalid chain name: nope", assertThrows(IllegalArgumentException.class,
                () -> NodeSettings.read(Map.of("datadir", "/x", "chain", "nope"), k -> null)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> NodeSettings.read(Map.of("datadir", "/x", "rpcport", "abc"), k -> null));
    }
}

package org.btcmp.common.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IpcAddressesTest {
    private static final Path NET = Path.of("/data/regtest");

    @Test
    void unixIsTheExecutablesSocketInTheNetworkDirectory() {
        assertEquals(Path.of("/data/regtest/node.sock"), IpcAddresses.socketPath("unix", NET, "node"));
        assertEquals(Path.of("/data/regtest/x/y.sock"), IpcAddresses.socketPath("unix:x/y.sock", NET, "node"));
        assertEquals(Path.of("/tmp/n.sock"), IpcAddresses.socketPath("unix:/tmp/n.sock", NET, "node"));
    }

    @Test
    void otherAddressesAndLongPathsAreRefusedInCoresWords() {
        assertEquals("Unrecognized address 'tcp:1'", assertThrows(IllegalArgumentException.class,
                () -> IpcAddresses.socketPath("tcp:1", NET, "node")).getMessage());
        assertEquals("Unrecognized address 'unix:'", assertThrows(IllegalArgumentException.class,
                () -> IpcAddresses.socketPath("unix:", NET, "node")).getMessage());
        String longName = "s".repeat(120);
        assertEquals("Unix address path \"/data/regtest/" + longName + "\" exceeded maximum socket path length",
                assertThrows(IllegalArgumentException.class, () -> IpcAddresses.socketPath("unix:" + longName, NET, "node"))
                        .getMessage());
    }

    @Test
    void ipcfdIsANonNegativeNumber() {
        assertEquals(3, IpcAddresses.fileDescriptor("3"));
        assertEquals("Invalid -ipcfd number '-1'", assertThrows(IllegalArgumentException.class,
                () -> IpcAddresses.fileDescriptor("-1")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> IpcAddresses.fileDescriptor("x"));
    }

    @Test
    void debugCategoriesAsCoreEnablesThem() {
        assertEquals(Set.of("ipc", "net"), DebugCategories.enabled(List.of("ipc", "net")));
        assertEquals(DebugCategories.KNOWN, DebugCategories.enabled(List.of("1")));
        assertEquals(Set.of("rpc"), DebugCategories.enabled(List.of("all", "none", "rpc")));
        assertEquals("Unsupported logging category -debug=nope.", assertThrows(IllegalArgumentException.class,
                () -> DebugCategories.enabled(List.of("nope"))).getMessage());
    }
}

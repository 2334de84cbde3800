package org.btcmp.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IpcAddressTest {

    @Test
    void parsesSchemeAndTarget() {
        IpcAddress address = IpcAddress.parse("unix:/tmp/regtest/node.sock");
        assertEquals("unix", address.scheme());
        assertEquals("/tmp/regtest/node.sock", address.target());
        assertEquals(IpcAddress.unix(Path.of("/tmp/regtest/node.sock")), address);
        assertEquals("unix:/tmp/regtest/node.sock", address.toString());
    }

    @Test
    void onlyTheFirstColonSeparates() {
        assertEquals("a:b", IpcAddress.parse("local:a:b").target());
    }

    @Test
    void factoriesMatchParsing() {
        assertEquals(IpcAddress.parse("local:node"), IpcAddress.local("node"));
        assertEquals(IpcAddress.parse("fd:3"), IpcAddress.fd(3));
    }

    @Test
    void rejectsMalformedTextNamingIt() {
        IllegalArgumentException noScheme = assertThrows(IllegalArgumentException.class, () -> IpcAddress.parse("node.sock"));
        assertTrue(noScheme.getMessage().contains("'node.sock'"), noScheme.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IpcAddress.parse(":x"));
        assertThrows(IllegalArgumentException.class, () -> IpcAddress.parse("unix:"));
        assertThrows(IllegalArgumentException.class, () -> IpcAddress.parse("Un ix:/x"));
        assertThrows(IllegalArgumentException.class, () -> IpcAddress.fd(-1));
    }
}

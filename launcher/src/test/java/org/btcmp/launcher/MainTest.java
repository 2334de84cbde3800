package org.btcmp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The executables' command lines as Main sees them, up to the point where a deployment would start
 * (the parsing rules themselves are tested in common; running nodes in itest).
 */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String executable, String... args) {
        out.reset();
        err.reset();
        return Main.run(executable, List.of(args), InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theWrapperReportsUsageErrorsWithExitCodeOne() {
        assertEquals(1, run("bitcoin", "-nosuchflag"));
        assertEquals("Error parsing command line arguments: Invalid parameter -nosuchflag\n", err());
        assertEquals("", out());
        assertEquals(1, run("bitcoin", "frobnicate"));
        assertTrue(err().startsWith("Error: unknown command 'frobnicate'"));
        assertEquals(1, run("bitcoin"));
        assertEquals(1, run("bitcoin", "-regtest", "-testnet", "echo"));
        assertTrue(err().startsWith("Error: Invalid combination of -regtest"));
        assertEquals(0, run("bitcoin", "-help"));
        assertTrue(out().contains("Usage: bitcoin"));
        assertEquals(0, run("bitcoin", "-v"));
        assertTrue(out().startsWith("btcmp bitcoin wrapper version"));
    }

    @Test
    void minusMPicksTheMultiprocessExecutableAndMinusBigMTheMonolithicOne() {
        assertEquals(0, run("bitcoin", "-m", "node", "-help"));
        assertTrue(out().contains("Usage: bitcoin-node [options]"), out());
        assertTrue(out().contains("(node deployment)"), out());
        assertEquals(0, run("bitcoin", "--multiprocess", "-M", "node", "-help"));
        assertTrue(out().contains("Usage: bitcoind [options]"), out());
        assertTrue(out().contains("(monolithic deployment)"), out());
        assertTrue(out().contains("-ipcbind=<address>"), out());
    }

    @Test
    void chainOptionsBeforeTheCommandGoToIt() {
        assertEquals(1, run("bitcoin", "-regtest", "node", "-testnet"));
        assertEquals("Error: Invalid combination of -regtest, -signet, -testnet, -testnet4 and -chain. Can use at most one.\n", err());
    }

    @Test
    void aBadNodeOptionIsOneLineAndExitCodeOne() {
        assertEquals(1, run("bitcoin", "node", "-nosuchflag"));
        assertEquals("Error parsing command line arguments: Invalid parameter -nosuchflag\n", err());
        assertEquals(1, run("bitcoin-node", "-regtest", "stray"));
        assertEquals("Error: Command line contains unexpected token 'stray', see -help for a list of options.\n", err());
        assertEquals(1, run("bitcoind", "-datadir=/nonexistent/btcmp"));
        assertEquals("Error: Specified data directory \"/nonexistent/btcmp\" does not exist.\n", err());
    }

    @Test
    void theGuiExecutablesTakeTheNodeOptionsAndTheirOwn() {
        assertEquals(0, run("bitcoin", "-m", "gui", "-help"));
        assertTrue(out().contains("Usage: bitcoin-gui [options]"), out());
        assertTrue(out().contains("(gui deployment)"), out());
        assertTrue(out().contains("-ipcconnect=<address>"), out());
        assertTrue(out().contains("-headless"), out());
        assertTrue(out().contains("-dbcache=<n>"), "node options, passed on to a bitcoin-node it starts: " + out());
        assertTrue(!out().contains("-ipcfd"), "only a spawned process takes -ipcfd: " + out());
        assertEquals(0, run("bitcoin", "gui", "-help"));
        assertTrue(out().contains("Usage: bitcoin-qt [options]"), out());
        assertTrue(out().contains("(monolithic GUI deployment)"), out());
        assertTrue(!out().contains("-ipcconnect=<address>"), "bitcoin-qt's node is in its process: " + out());
        assertEquals(1, run("bitcoin-gui", "-nosuchflag"));
        assertEquals("Error parsing command line arguments: Invalid parameter -nosuchflag\n", err());
        assertEquals(1, run("bitcoin-gui", "-ipcfd=3"));
        assertEquals("Error parsing command line arguments: Invalid parameter -ipcfd\n", err());
    }
}

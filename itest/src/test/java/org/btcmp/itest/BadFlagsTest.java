package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad flag of the node and GUI executables and the RPC client: one line on stderr, nothing on stdout, exit 1. */
class BadFlagsTest {
    @TempDir
    Path dataDir;

    private void assertOneLine(String expected, String executable, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.add(executable.equals("bitcoin") ? 1 : 0, "-datadir=" + dataDir); // after the wrapper's command word
        Executable.Result result = Executable.run(executable, argv.toArray(String[]::new));
        assertEquals(new Executable.Result(1, "", expected + "\n"), result, executable + " " + argv);
    }

    @Test
    void nodeFlags() throws Exception {
        for (String[] node : new String[][] {{"bitcoin", "node"}, {"bitcoin-node"}, {"bitcoind"}}) {
            String exe = node[0];
            String[] cmd = node.length > 1 ? new String[] {node[1]} : new String[0];
            assertOneLine("Error parsing command line arguments: Invalid parameter -nosuchflag", exe, concat(cmd, "-nosuchflag"));
            assertOneLine("Error: Invalid port specified in -rpcport: 'abc'", exe, concat(cmd, "-regtest", "-rpcport=abc"));
            assertOneLine("Error: Unsupported logging category -debug=nonsense.", exe, concat(cmd, "-regtest", "-debug=nonsense"));
            assertOneLine("Error: Unable to bind to IPC address 'tcp:1'. Unrecognized address 'tcp:1'", exe,
                    concat(cmd, "-regtest", "-ipcbind=tcp:1"));
            assertOneLine("Error: Invalid -ipcfd number 'x'", exe, concat(cmd, "-regtest", "-ipcfd=x"));
            assertOneLine("Error: Invalid chain name: 'nope'. Allowed values: main, test, testnet4, signet, regtest", exe,
                    concat(cmd, "-chain=nope"));
            assertOneLine("Error: Invalid combination of -regtest, -signet, -testnet, -testnet4 and -chain. Can use at most one.",
                    exe, concat(cmd, "-regtest", "-testnet"));
            assertOneLine("Error parsing command line arguments: Negating of -rpcport is meaningless and therefore forbidden",
                    exe, concat(cmd, "-norpcport=5"));
        }
    }

    @Test
    void guiFlags() throws Exception {
        assertOneLine("Error parsing command line arguments: Invalid parameter -nosuchflag", "bitcoin-gui", "-nosuchflag");
        assertOneLine("Error parsing command line arguments: Invalid parameter -ipcfd", "bitcoin-gui", "-ipcfd=3");
        assertOneLine("Error: Unable to connect to IPC address 'tcp:1'. Unrecognized address 'tcp:1'", "bitcoin-gui",
                "-regtest", "-headless", "-ipcconnect=tcp:1");
        assertOneLine("Error: Unable to connect to IPC address 'tcp:1'. Unrecognized address 'tcp:1'", "bitcoin",
                "-m", "gui", "-regtest", "-headless", "-ipcconnect=tcp:1");
        Path socket = dataDir.resolve("regtest/node.sock");
        Executable.Result missing = Executable.run("bitcoin-gui", "-datadir=" + dataDir, "-regtest", "-headless", "-ipcconnect=unix");
        assertEquals(1, missing.exitCode(), missing.toString());
        assertEquals("", missing.stdout());
        assertTrue(missing.stderr().startsWith("Error: Unable to connect to the node at unix:" + socket + ": ")
                && missing.stderr().indexOf('\n') == missing.stderr().length() - 1, missing.stderr());
    }

    @Test
    void rpcClientFlags() throws Exception {
        assertOneLine("Error parsing command line arguments: Invalid parameter -nosuchflag", "bitcoin-cli", "-nosuchflag");
        assertOneLine("error: Invalid port provided in -rpcport: abc", "bitcoin-cli", "-rpcport=abc", "getblockcount");
        assertOneLine("error: too few parameters (need at least command)", "bitcoin", "rpc");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}

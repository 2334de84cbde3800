package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node executables in bin/ as users and scripts run them: real processes, temp datadirs,
 * {@code bitcoin rpc} / {@code bitcoin-cli} against them, shutdown by the stop RPC and by SIGTERM.
 */
class NodeExecutablesTest {
    /** A regtest address of Core's functional tests (an unspendable P2WSH), for mining to. */
    private static final String REGTEST_ADDRESS = "bcrt1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq3xueyj";

    @TempDir
    Path dataDir;

    private Path cookie() {
        return dataDir.resolve("regtest/.cookie");
    }

    /** {@code bitcoin rpc -datadir=.. -regtest -rpcport=port args...} (options may lead {@code args}). */
    private Executable.Result rpc(int port, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("rpc", "-datadir=" + dataDir, "-regtest", "-rpcport=" + port));
        all.addAll(List.of(args));
        return Executable.run("bitcoin", all.toArray(String[]::new));
    }

    @Test
    void theMonolithicNodeServesRpcWithACookieAndStopsOnTheStopRpc() throws Exception {
        int port = RunningNode.freePort();
        try (RunningNode node = RunningNode.start(dataDir, cookie(), "bitcoin", "node", "-regtest",
                "-datadir=" + dataDir, "-rpcport=" + port)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cookie())));

            Executable.Result count = rpc(port, "-rpcwait", "-rpcwaittimeout=60", "getblockcount");
            assertEquals(new Executable.Result(0, "0\n", ""), count, "the cookie appears while the node warms up");

            Executable.Result mined = rpc(port, "generatetoaddress", "nblocks=3", "address=" + REGTEST_ADDRESS);
            assertEquals("", mined.stderr());
            assertEquals(0, mined.exitCode());
            assertTrue(mined.stdout().matches("\\[\\n(  \"[0-9a-f]{64}\",\\n){2}  \"[0-9a-f]{64}\"\\n\\]\\n"), mined.stdout());
            assertEquals("3\n", rpc(port, "getblockcount").stdout());
            assertEquals(rpc(port, "getblockhash", "3").stdout(), rpc(port, "getbestblockhash").stdout(),
                    "a word without '=' is a positional argument under -named");

            Executable.Result outOfRange = rpc(port, "getblockhash", "height=99");
            assertEquals(new Executable.Result(8, "", "error code: -8\nerror message:\nBlock height out of range\n"), outOfRange);

            Executable.Result stop = rpc(port, "stop");
            assertEquals(new Executable.Result(0, "Bitcoin Core stopping\n", ""), stop);
            assertEquals(0, node.awaitExit());
            assertFalse(Files.exists(cookie()), "the cookie is removed at shutdown");
            assertEquals("", node.stderr(), "normal operation writes nothing to stderr");
            assertEquals("", node.stdout(), "nor to stdout without -printtoconsole");
        }
    }

    @Test
    void bitcoinNodeReadsTheRegtestSectionOfBitcoinConfAndBitcoinCliToo() throws Exception {
        int port = RunningNode.freePort();
        Files.writeString(dataDir.resolve("bitcoin.conf"), "regtest=1\nrpcport=1\n[regtest]\nrpcport=" + port
                + "\nrpcuser=alice\nrpcpassword=secret\nnosuchkey=1\n");
        try (RunningNode node = RunningNode.start(dataDir, cookie(), "bitcoin-node", "-datadir=" + dataDir)) {
            Executable.Result count = Executable.run("bitcoin-cli", "-datadir=" + dataDir, "-rpcwait", "-rpcwaittimeout=60",
                    "getblockcount");
            assertEquals(new Executable.Result(0, "0\n", ""), count);

            Executable.Result wrong = Executable.run("bitcoin-cli", "-datadir=" + dataDir, "-rpcpassword=wrong", "getblockcount");
            assertEquals(new Executable.Result(1, "", "error: Authorization failed: Incorrect rpcuser or rpcpassword were "
                    + "specified. Configuration file: (" + dataDir.resolve("bitcoin.conf") + ")\n"), wrong);

            Executable.Result fromStdin = Executable.runWithInput("0\n", "bitcoin-cli", "-datadir=" + dataDir, "-stdin",
                    "getblockhash");
            assertEquals(0, fromStdin.exitCode(), fromStdin.stderr());
            assertTrue(fromStdin.stdout().matches("[0-9a-f]{64}\n"), "-stdin supplies the height: " + fromStdin.stdout());

            Executable.Result info = Executable.run("bitcoin-cli", "-datadir=" + dataDir, "-getinfo");
            assertEquals(0, info.exitCode(), info.stderr());
            assertTrue(info.stdout().startsWith("Chain: regtest\nBlocks: 0\nHeaders: 0\nVerification progress: 100.0000%\n"
                    + "Difficulty: "), info.stdout());
            assertTrue(info.stdout().endsWith("\n\nNetwork: in 0, out 0, total 0\nVersion: 310000\nTime offset (s): 0\n"
                    + "Proxies: n/a\nMin tx relay fee rate (BTC/kvB): 0.00000100\n\nWarnings: (none)\n"),
                    "no wallet RPC here, so no wallet lines: " + info.stdout());

            Executable.Result chain = Executable.run("bitcoin-cli", "-datadir=" + dataDir, "getblockchaininfo");
            assertTrue(chain.stdout().contains("\"chain\": \"regtest\""), chain.stdout());

            Executable.Result stop = Executable.run("bitcoin-cli", "-datadir=" + dataDir, "stop");
            assertEquals(0, stop.exitCode(), stop.stderr());
            assertEquals(0, node.awaitExit());
            assertEquals("", node.stderr(), "an unknown key in bitcoin.conf is no error");
            assertTrue(Files.readString(dataDir.resolve("regtest/debug.log")).contains("Warning: Ignoring unknown "
                    + "configuration value nosuchkey"), "it is a warning in debug.log");
        }
    }

    @Test
    void aSecondNodeOnTheSameDatadirIsRefusedAndTheFirstKeepsServing() throws Exception {
        int port = RunningNode.freePort();
        try (RunningNode first = RunningNode.start(dataDir, cookie(), "bitcoin-node", "-regtest", "-datadir=" + dataDir,
                "-rpcport=" + port)) {
            Executable.Result second = Executable.run("bitcoin", "node", "-regtest", "-datadir=" + dataDir,
                    "-rpcport=" + RunningNode.freePort());
            assertEquals(new Executable.Result(1, "", "Error: Cannot obtain a lock on data directory "
                    + dataDir.resolve("regtest") + ". btcmp is probably already running.\n"), second);
            assertEquals("0\n", rpc(port, "-rpcwait", "-rpcwaittimeout=60", "getblockcount").stdout());
            assertTrue(Files.exists(cookie()), "the refused node leaves the first one's cookie alone");
            assertEquals(0, rpc(port, "stop").exitCode());
            assertEquals(0, first.awaitExit());
        }
    }

    @Test
    void sigtermShutsTheNodeDownCleanlyWithExitCodeZero() throws Exception {
        int port = RunningNode.freePort();
        try (RunningNode node = RunningNode.start(dataDir, cookie(), "bitcoind", "-regtest", "-datadir=" + dataDir,
                "-rpcport=" + port, "-printtoconsole")) {
            assertEquals("0\n", rpc(port, "-rpcwait", "-rpcwaittimeout=60", "getblockcount").stdout());
            node.terminate();
            assertEquals(0, node.awaitExit());
            assertFalse(Files.exists(cookie()), "the cookie is removed at shutdown");
            assertEquals("", node.stderr());
            assertTrue(node.stdout().contains(" btcmp node starting, network regtest"), "-printtoconsole: " + node.stdout());
            assertTrue(node.stdout().contains(" Shutdown: done"), node.stdout());
        }
    }

    @Test
    void bitcoinRpcWithNoNodeIsCoresConnectionErrorAndExitCodeOne() throws Exception {
        int port = RunningNode.freePort();
        Executable.Result result = rpc(port, "getblockcount");
        assertEquals(1, result.exitCode());
        assertEquals("error: timeout on transient error: Could not connect to the server 127.0.0.1:" + port + "\n\n"
                + "Make sure the bitcoind server is running and that you are connecting to the correct RPC port.\n"
                + "Use \"bitcoin-cli -help\" for more info.\n", result.stderr());
    }

    @Test
    void aBusyRpcPortIsOneLineAndExitCodeOne() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Executable.Result result = Executable.run("bitcoin", "node", "-regtest", "-datadir=" + dataDir,
                    "-rpcport=" + busy.getLocalPort());
            assertEquals(1, result.exitCode());
            assertTrue(result.stderr().startsWith("Error: Unable to bind RPC on 127.0.0.1:" + busy.getLocalPort()), result.stderr());
            assertEquals(1, result.stderr().lines().count(), result.stderr());
            assertFalse(Files.exists(cookie()));
        }
    }
}

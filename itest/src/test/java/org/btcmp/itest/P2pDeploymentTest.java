package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * P2P as the launcher's node runs it (NodeComponent reads the P2P options): a bitcoin-node listening on
 * a free port and a bitcoind told to -connect to it find each other, getconnectioncount and
 * getnetworkinfo say so on both sides, and a block mined on one reaches the other.
 */
class P2pDeploymentTest {
    private static final String REGTEST_ADDRESS = "bcrt1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq3xueyj";
    private static final long NO_HANG_NANOS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path dir;

    @Test
    void twoNodesConnectWithConnectAndReportTheConnection() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.createDirectories(a);
        Files.createDirectories(b);
        int rpcA = RunningNode.freePort();
        int rpcB = RunningNode.freePort();
        int p2p = RunningNode.freePort();
        try (RunningNode listening = RunningNode.start(a, a.resolve("regtest/.cookie"), "bitcoin-node", "-regtest",
                "-datadir=" + a, "-rpcport=" + rpcA, "-bind=127.0.0.1:" + p2p);
                RunningNode connecting = RunningNode.start(b, b.resolve("regtest/.cookie"), "bitcoind", "-regtest",
                        "-datadir=" + b, "-rpcport=" + rpcB, "-connect=127.0.0.1:" + p2p)) {
            awaitOutput(b, rpcB, "1", "getconnectioncount");
            awaitOutput(a, rpcA, "1", "getconnectioncount");
            String infoA = rpc(a, rpcA, "getnetworkinfo");
            assertTrue(infoA.contains("\"connections_in\": 1"), infoA);
            assertTrue(infoA.contains("\"networkactive\": true"), infoA);
            String infoB = rpc(b, rpcB, "getnetworkinfo");
            assertTrue(infoB.contains("\"connections_out\": 1"), infoB);

            rpc(a, rpcA, "generatetoaddress", "1", REGTEST_ADDRESS);
            awaitOutput(b, rpcB, "1", "getblockcount");

            assertEquals(0, Executable.run("bitcoin", "rpc", "-datadir=" + b, "-regtest", "-rpcport=" + rpcB, "stop")
                    .exitCode());
            assertEquals(0, connecting.awaitExit());
            awaitOutput(a, rpcA, "0", "getconnectioncount");
            assertEquals(0, Executable.run("bitcoin", "rpc", "-datadir=" + a, "-regtest", "-rpcport=" + rpcA, "stop")
                    .exitCode());
            assertEquals(0, listening.awaitExit());
        }
    }

    private static String rpc(Path dataDir, int port, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("rpc", "-datadir=" + dataDir, "-regtest", "-rpcport=" + port,
                "-rpcwait", "-rpcwaittimeout=60"));
        all.addAll(List.of(args));
        Executable.Result result = Executable.run("bitcoin", all.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.stderr());
        return result.stdout();
    }

    private static void awaitOutput(Path dataDir, int port, String expected, String... args) throws Exception {
        long deadline = System.nanoTime() + NO_HANG_NANOS;
        String last;
        do {
            last = rpc(dataDir, port, args).strip();
            if (last.equals(expected)) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(String.join(" ", args) + " is still " + last + ", not " + expected);
    }
}

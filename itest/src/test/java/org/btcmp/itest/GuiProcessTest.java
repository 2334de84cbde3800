package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bitcoin-gui as a process, in its headless mode (the lines it prints are what a window would show): it
 * starts its own bitcoin-node over -ipcfd or connects to one with -ipcconnect, follows the tip through
 * the node's notifications, and lives and dies with its node as the deployments issue says.
 */
class GuiProcessTest {
    private static final long NO_HANG_SECONDS = 60;
    private static final String ADDRESS = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080";
    private static final Pattern SPAWNED = Pattern.compile("(?m)^connected bitcoin-node pid (\\d+)$");

    @TempDir
    Path dataDir;

    /** Waits (bounded) until the process's stdout matches {@code pattern}; returns the match. */
    static Matcher awaitOutput(RunningNode process, Pattern pattern) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(NO_HANG_SECONDS);
        while (true) {
            Matcher m = pattern.matcher(process.stdout());
            if (m.find()) {
                return m;
            }
            if (!process.process().isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no line matching " + pattern + (process.process().isAlive() ? " within "
                        + NO_HANG_SECONDS + " s" : "; exited " + process.process().exitValue()) + "; stdout:\n"
                        + process.stdout() + "stderr:\n" + process.stderr());
            }
            Thread.sleep(50);
        }
    }

    private static Pattern line(String text) {
        return Pattern.compile("(?m)^" + Pattern.quote(text) + "$");
    }

    private String[] guiArgs(int port, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("-regtest", "-datadir=" + dataDir, "-headless", "-listen=0",
                "-rpcport=" + port));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void spawnsItsNodeFollowsTheTipAndExitsZeroWhenTheNodeIsStopped() throws Exception {
        int port = RunningNode.freePort();
        WalletRpcScript rpc = new WalletRpcScript(dataDir, port);
        try (RunningNode gui = RunningNode.launch(dataDir, "bitcoin-gui", guiArgs(port))) {
            long nodePid = Long.parseLong(awaitOutput(gui, SPAWNED).group(1));
            ProcessHandle node = ProcessHandle.of(nodePid).orElseThrow();
            assertTrue(node.parent().map(p -> p.pid() == gui.process().pid()).orElse(false), "the GUI's own child");
            awaitOutput(gui, Pattern.compile("(?m)^tip 0 [0-9a-f]{64}$"));
            String hash = rpc.ok("-rpcwait", "generatetoaddress", "1", ADDRESS).replaceAll("[\\[\\]\"\\s]", "");
            awaitOutput(gui, line("tip 1 " + hash));
            assertEquals(0, rpc.rpc("stop").exitCode());
            assertEquals(0, gui.awaitExit(), "stop over RPC ends the GUI cleanly: " + gui.stderr());
            assertTrue(gui.stdout().endsWith("disconnected the node shut down\n"), gui.stdout());
            assertEquals("", gui.stderr());
            node.onExit().get(NO_HANG_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKilledSpawnedNodeEndsTheGuiWithAMessage() throws Exception {
        int port = RunningNode.freePort();
        try (RunningNode gui = RunningNode.launch(dataDir, "bitcoin-gui", guiArgs(port))) {
            long nodePid = Long.parseLong(awaitOutput(gui, SPAWNED).group(1));
            ProcessHandle node = ProcessHandle.of(nodePid).orElseThrow();
            List<ProcessHandle> wallets = node.descendants().toList();
            assertTrue(node.destroyForcibly());
            assertEquals(1, gui.awaitExit());
            // The node's own wallet process shares the GUI's stderr (inherited twice) and reports its node gone too.
            assertTrue(gui.stderr().contains("Error: The bitcoin-node this GUI started (pid " + nodePid
                    + ") has stopped with exit status 137\n"), gui.stderr());
            for (ProcessHandle wallet : wallets) {
                wallet.onExit().get(NO_HANG_SECONDS, TimeUnit.SECONDS); // the node's wallet process follows its node
            }
        }
    }

    @Test
    void aKilledGuiTakesItsSpawnedNodeWithIt() throws Exception {
        int port = RunningNode.freePort();
        try (RunningNode gui = RunningNode.launch(dataDir, "bitcoin-gui", guiArgs(port))) {
            long nodePid = Long.parseLong(awaitOutput(gui, SPAWNED).group(1));
            ProcessHandle node = ProcessHandle.of(nodePid).orElseThrow();
            gui.process().destroyForcibly();
            gui.awaitExit();
            node.onExit().get(NO_HANG_SECONDS, TimeUnit.SECONDS);
            assertTrue(Files.notExists(dataDir.resolve("regtest/.cookie")), "the node shut down cleanly (cookie removed)");
        }
    }

    @Test
    void aConnectedGuiShowsDisconnectedWhileTheNodeIsGoneAndReconnectsWhenItReturns() throws Exception {
        int port = RunningNode.freePort();
        WalletRpcScript rpc = new WalletRpcScript(dataDir, port);
        Path socket = dataDir.resolve("regtest/node.sock");
        String[] nodeArgs = {"-regtest", "-datadir=" + dataDir, "-rpcport=" + port, "-ipcbind=unix", "-nowalletprocess"};
        RunningNode first = RunningNode.start(dataDir, socket, "bitcoin-node", nodeArgs);
        try (first; RunningNode gui = RunningNode.launch(dataDir, "bitcoin-gui", "-regtest", "-datadir=" + dataDir,
                "-headless", "-ipcconnect=unix")) {
            awaitOutput(gui, line("connected unix:" + socket));
            awaitOutput(gui, Pattern.compile("(?m)^tip 0 [0-9a-f]{64}$"));
            first.process().destroyForcibly();
            first.awaitExit();
            awaitOutput(gui, Pattern.compile("(?m)^disconnected .+$"));
            Thread.sleep(1500); // a few retries against the stale socket
            assertTrue(gui.process().isAlive(), "the GUI waits for its node: " + gui.stderr());

            try (RunningNode second = RunningNode.start(dataDir, dataDir.resolve("regtest/.cookie"), "bitcoin-node", nodeArgs)) {
                String hash = rpc.ok("-rpcwait", "generatetoaddress", "1", ADDRESS).replaceAll("[\\[\\]\"\\s]", "");
                awaitOutput(gui, Pattern.compile("(?m)^disconnected .+\\nconnected unix:" + Pattern.quote(socket.toString()) + "$"));
                awaitOutput(gui, line("tip 1 " + hash));
                String hash2 = rpc.ok("generatetoaddress", "1", ADDRESS).replaceAll("[\\[\\]\"\\s]", "");
                awaitOutput(gui, line("tip 2 " + hash2)); // the notification registered anew on the new Node
                assertEquals(0, rpc.rpc("stop").exitCode());
                assertEquals(0, second.awaitExit());
                assertEquals(0, gui.awaitExit(), "a node stopped cleanly ends its GUI cleanly: " + gui.stderr());
                assertEquals("", gui.stderr());
            }
        }
    }

    @Test
    void theMonolithicGuiRunsItsNodeInProcess() throws Exception {
        int port = RunningNode.freePort();
        WalletRpcScript rpc = new WalletRpcScript(dataDir, port);
        try (RunningNode gui = RunningNode.launch(dataDir, "bitcoin", "gui", "-regtest", "-datadir=" + dataDir, "-headless",
                "-listen=0", "-rpcport=" + port)) {
            Matcher connected = awaitOutput(gui, Pattern.compile("(?m)^connected (.+)$"));
            assertEquals("local:node", connected.group(1), "the node in this process, through the in-process transport");
            assertTrue(gui.process().toHandle().children().findAny().isEmpty(), "no other process");
            String hash = rpc.ok("-rpcwait", "generatetoaddress", "1", ADDRESS).replaceAll("[\\[\\]\"\\s]", "");
            awaitOutput(gui, line("tip 1 " + hash));
            assertEquals(0, rpc.rpc("stop").exitCode());
            assertEquals(0, gui.awaitExit(), gui.stderr());
            assertNotEquals("", gui.stdout());
        }
    }
}

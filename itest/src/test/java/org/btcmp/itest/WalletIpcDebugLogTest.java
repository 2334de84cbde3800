package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -debug=ipc} in wallet processes: the one bitcoin-node spawns inherits the node's option, one started
 * with {@code -ipcconnect -debug=ipc} honours its own; each writes a line per IPC call it serves or makes
 * (interface, method, thread, duration) to debug.log, tagged with its pid. A wallet process without the
 * option writes none.
 */
class WalletIpcDebugLogTest {
    private static final long NO_HANG_SECONDS = 60;

    @TempDir
    Path dataDir;

    @Test
    void walletProcessesLogTheirIpcCallsWithDebugIpc() throws Exception {
        for (String wallet : List.of("b", "c")) {
            Executable.Result created = Executable.run("bitcoin", "wallet", "-regtest", "-datadir=" + dataDir,
                    "-wallet=" + wallet, "create");
            assertEquals(0, created.exitCode(), created.stderr());
        }
        int port = RunningNode.freePort();
        try (RunningNode node = RunningNode.start(dataDir, dataDir.resolve("regtest/node.sock"), "bitcoin-node", "-regtest",
                "-datadir=" + dataDir, "-rpcport=" + port, "-ipcbind=unix", "-debug=ipc");
                RunningNode logging = RunningNode.launch(dataDir, "bitcoin-wallet", "-regtest", "-datadir=" + dataDir,
                        "-ipcconnect=unix", "-wallet=b", "-debug=ipc");
                RunningNode quiet = RunningNode.launch(dataDir, "bitcoin-wallet", "-regtest", "-datadir=" + dataDir,
                        "-ipcconnect=unix", "-wallet=c")) {
            WalletRpcScript rpc = new WalletRpcScript(dataDir, port);
            rpc.awaitWalletRpc();
            assertTrue(rpc.ok("createwallet", "a").contains("\"a\""), "the spawned process serves a call");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(NO_HANG_SECONDS);
            String listed = rpc.ok("listwallets");
            while (!(listed.contains("\"b\"") && listed.contains("\"c\"")) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                listed = rpc.ok("listwallets");
            }
            assertTrue(listed.contains("\"b\"") && listed.contains("\"c\""), listed);
            long spawned = node.process().toHandle().descendants()
                    .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("-ipcfd=")).orElse(false))
                    .findFirst().orElseThrow().pid();

            List<String> log = Files.readAllLines(dataDir.resolve("regtest/debug.log"));
            String all = String.join("\n", log);
            assertTrue(has(log, spawned, "server", "Init\\.makeWalletLoader"), all);
            assertTrue(has(log, spawned, "client", "Chain\\.handleRpcCommand"), all);
            assertTrue(has(log, spawned, "server", "RpcCommand\\.call"), all);
            long connected = logging.process().pid();
            assertTrue(has(log, connected, "client", "Init\\.makeChain"), all);
            assertTrue(has(log, connected, "client", "Chain\\.registerWalletLoader"), all);
            assertTrue(log.stream().noneMatch(l -> l.contains("[wallet " + quiet.process().pid() + "]")),
                    "no lines from the process without -debug=ipc: " + all);
            assertTrue(log.stream().anyMatch(l -> l.matches(".* \\[ipc\\] IPC server Chain\\.registerWalletLoader .*")),
                    "the node logs its side too: " + all);

            assertEquals(0, rpc.rpc("stop").exitCode());
            assertEquals(0, node.awaitExit());
        }
    }

    /** Whether {@code pid}'s wallet process logged a {@code side} ("client" or "server") line for {@code call}. */
    private static boolean has(List<String> log, long pid, String side, String call) {
        Pattern line = Pattern.compile(".* \\[ipc\\] \\[wallet " + pid + "\\] IPC " + side + " " + call
                + " thread=\\S.* \\d+\\.\\d{3} ms");
        return log.stream().anyMatch(l -> line.matcher(l).matches());
    }
}

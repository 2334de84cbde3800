package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.btcmp.interfaces.BlockRef;
import org.btcmp.interfaces.Echo;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.capnp.transport.CapnpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -debug=ipc}: bitcoin-node writes one debug.log line per IPC call it serves (Echo.echo from a
 * client) and per call it makes (the tip callback into the client), with interface, method, thread and
 * duration; without the option there are none.
 */
class IpcDebugLogTest {
    private static final String REGTEST_ADDRESS = "bcrt1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq3xueyj";
    private static final Pattern SERVED = Pattern.compile(".* \\[ipc\\] IPC server Echo\\.echo thread=\\S.* \\d+\\.\\d{3} ms");
    private static final Pattern MADE =
            Pattern.compile(".* \\[ipc\\] IPC client NotifyBlockTipCallback\\.call thread=\\S.* \\d+\\.\\d{3} ms");

    @TempDir
    Path dataDir;

    @Test
    void everyIpcCallIsLoggedWithDebugIpc() throws Exception {
        List<String> log = runClientAgainstNode(dataDir.resolve("with"), "-debug=ipc");
        assertTrue(log.stream().anyMatch(l -> SERVED.matcher(l).matches()), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> MADE.matcher(l).matches()), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.contains("[ipc] IPC server Init.makeNode")), String.join("\n", log));
    }

    @Test
    void noIpcLinesWithoutIt() throws Exception {
        List<String> log = runClientAgainstNode(dataDir.resolve("without"), "-debug=mempool");
        assertTrue(log.stream().noneMatch(l -> l.contains("[ipc]")), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.contains("UpdateTip")), "the node did log: " + log);
    }

    /** Starts a node, calls Echo and has the node call back once, stops it; returns its debug.log. */
    private static List<String> runClientAgainstNode(Path dir, String debugOption) throws Exception {
        Files.createDirectories(dir);
        Path socket = dir.resolve("regtest/node.sock");
        int port = RunningNode.freePort();
        try (RunningNode node = RunningNode.start(dir, socket, "bitcoin-node", "-regtest", "-datadir=" + dir,
                "-rpcport=" + port, "-listen=0", "-ipcbind=unix", debugOption)) {
            try (Connection connection = new CapnpTransport().connect(IpcAddress.unix(socket))) {
                Init init = connection.remoteInit();
                try (Echo echo = init.makeEcho()) {
                    assertEquals("logged", echo.echo("logged"));
                }
                LinkedBlockingQueue<BlockRef> tips = new LinkedBlockingQueue<>();
                Handler handler = init.makeNode().handleNotifyBlockTip(tips::add);
                init.makeRpc().executeRpc("{\"method\":\"generatetoaddress\",\"params\":[1,\"" + REGTEST_ADDRESS
                        + "\"],\"id\":1}", "/", "");
                assertNotNull(tips.poll(60, TimeUnit.SECONDS), "the node called back with the new tip");
                handler.disconnect();
            }
            assertEquals(0, Executable.run("bitcoin", "rpc", "-datadir=" + dir, "-regtest", "-rpcport=" + port,
                    "stop").exitCode());
            assertEquals(0, node.awaitExit());
        }
        return Files.readAllLines(dir.resolve("regtest/debug.log"));
    }
}

package org.btcmp.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What bitcoin-cli prints before it reaches a server (replies from a real node are in itest). */
class RpcClientTest {
    @TempDir
    Path dataDir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        List<String> argv = new ArrayList<>(List.of("-datadir=" + dataDir));
        argv.addAll(List.of(args));
        return new RpcClient(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(argv, false);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void noServerIsCoresTransientErrorAndExitCodeOne() throws Exception {
        int port = closedPort();
        assertEquals(1, run("-rpcport=" + port, "getblockcount"));
        assertEquals("error: timeout on transient error: Could not connect to the server 127.0.0.1:" + port + "\n\n"
                + "Make sure the bitcoind server is running and that you are connecting to the correct RPC port.\n"
                + "Use \"bitcoin-cli -help\" for more info.\n", err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void usageErrorsAreOneLine() {
        assertEquals(1, run("-rpcport=x", "getblockcount"));
        assertEquals("error: Invalid port provided in -rpcport: x\n", err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(1, run());
        assertEquals("error: too few parameters (need at least command)\n", err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(1, run("-frob", "getblockcount"));
        assertEquals("Error parsing command line arguments: Invalid parameter -frob\n", err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(1, run("getblockhash", "notanumber"));
        assertEquals("error: Error parsing JSON: notanumber\n", err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(1, run("-ipcconnect=unix", "getblockcount"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: -ipcconnect=unix is not available yet"));
    }

    @Test
    void rpcwalletPicksTheWalletsPathUriEncoded() {
        assertEquals("/", RpcEndpoint.path(java.util.Optional.empty()));
        assertEquals("/wallet/w1", RpcEndpoint.path(java.util.Optional.of("w1")));
        assertEquals("/wallet/my%20wallet%2Fx", RpcEndpoint.path(java.util.Optional.of("my wallet/x")));
        assertEquals("/wallet/", RpcEndpoint.path(java.util.Optional.of("")), "the default wallet's path");
    }

    @Test
    void helpListsTheOptions() {
        assertEquals(0, run("-help"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("-rpcwallet=<walletname>"), text);
        assertTrue(text.contains("-named"), text);
    }
}

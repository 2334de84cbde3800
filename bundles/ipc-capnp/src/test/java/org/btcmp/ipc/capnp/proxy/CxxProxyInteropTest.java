package org.btcmp.ipc.capnp.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.btcmp.interfaces.Echo;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.gen.Proxies;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A C++ peer of our own (mp_peer.c++, libcapnp) speaking libmultiprocess's conventions: it calls the Java
 * ProxyServers (construct, makeThread, Context, a callback into C++ during a call, an exception) and
 * serves a Java ProxyClient (construct, makeThread on the C++ ThreadMap, destroy and release).
 */
class CxxProxyInteropTest {
    private static final Duration NO_HANG = Duration.ofSeconds(60);
    @TempDir
    Path dir;

    @Test
    void aCxxClientCallsJavaProxyServersWithThreadsContextsAndCallbacks() throws Exception {
        Path peerExecutable = MpCxxPeer.executable();
        try (PeerProcess java = PeerProcess.start(dir)) {
            Process cxx = new ProcessBuilder(peerExecutable.toString(), "client", java.socket.toString())
                    .redirectErrorStream(true).start();
            assertTrue(cxx.waitFor(NO_HANG.toSeconds(), TimeUnit.SECONDS), "the C++ client hung");
            List<String> lines = new String(cxx.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertEquals(0, cxx.exitValue(), String.join("\n", lines));
            assertTrue(lines.get(0).startsWith("server thread capnp-mapped cxx-main for "), lines.get(0));
            String echoId = java.awaitPrefix("EVENT echo-made ", NO_HANG);
            assertEquals(List.of("echo=from c++ #" + echoId, "echo destroy returned",
                    // Core's uint256 byte order: the display hex reversed.
                    "hash=2a000cb1" + "00".repeat(28),
                    "error=remote exception: java.lang.IllegalArgumentException: height 200 out of range [0, 100]",
                    "tx added 070707 with a thread", "handleNotifications returned", "done"), lines.subList(1, lines.size()));
            java.await("EVENT echo-closed " + echoId, NO_HANG);
            assertTrue(java.awaitPrefix("EVENT thread handleNotifications=", NO_HANG).startsWith("capnp-mapped cxx-main"));
            java.await("EVENT handler-disconnected", NO_HANG);
        }
    }

    @Test
    void aJavaProxyClientIsServedByACxxInit() throws Exception {
        Path peerExecutable = MpCxxPeer.executable();
        Path socket = dir.resolve("cxx.sock");
        Process cxx = new ProcessBuilder(peerExecutable.toString(), "server", socket.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(cxx.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine());
            ProxyConnection connection = ProxyConnection.start(UnixSockets.connect(socket, FrameLimits.DEFAULT),
                    Proxies.registry(), Init.class, null);
            Init init = connection.bootstrap(Init.class);
            assertEquals("construct with a thread map", out.readLine());
            Echo echo = init.makeEcho();
            assertEquals("made cxx thread for " + Thread.currentThread().getName(), out.readLine());
            assertEquals("cxx:hello", echo.echo("hello"));
            echo.close();
            assertEquals("echo destroyed", out.readLine());
            assertEquals("echo released", out.readLine());
            // A method the C++ Init does not implement: an IPC failure, not a Java exception of the peer's.
            assertThrows(IpcException.class, init::makeChain);
            connection.close();
        } finally {
            cxx.destroyForcibly();
            cxx.waitFor(30, TimeUnit.SECONDS);
        }
    }
}

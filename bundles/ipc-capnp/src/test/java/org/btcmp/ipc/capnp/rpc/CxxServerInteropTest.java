package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.btcmp.ipc.capnp.cxx.CxxPeer;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.rpc.Rpctest.Calc;
import org.btcmp.ipc.capnp.rpc.Rpctest.Callback;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java client, C++ server (Debian's libcapnp, EzRpcServer): src/test/c++/rpc_peer.c++ serving
 * rpctest.capnp. The shared scenarios, plus a capability the C++ server resolves later.
 */
class CxxServerInteropTest extends CalcClientScenarios {
    private static CxxPeer peer;

    @TempDir
    Path dir;
    private Process process;
    private PeerOutput output;

    @BeforeAll
    static void build() throws IOException, InterruptedException {
        peer = CxxPeer.buildRpc("rpc_peer", "rpctest.capnp");
    }

    @BeforeEach
    void startServer() throws IOException, InterruptedException {
        peer.assumeAvailable();
        Path socket = dir.resolve("calc.sock");
        process = peer.start("server", socket.toString());
        output = new PeerOutput(process);
        output.expect("ready");
        assertTrue(Files.exists(socket));
        client = RpcConnection.start(UnixSockets.connect(socket, FrameLimits.DEFAULT), null);
        calc = new Calc.Client(client.bootstrap());
    }

    @AfterEach
    void stopServer() {
        if (calc != null) {
            calc.close();
            client.close();
        }
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Override
    void awaitCountersReleased(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            output.expect("counter destroyed");
        }
    }

    @Override
    void awaitSleepCanceled(long messagesReceivedBefore) throws InterruptedException {
        // C++ cancels the timer on Finish and answers at once (Return canceled).
        awaitTrue("C++ did not answer the cancelled call", () -> client.messagesReceived() > messagesReceivedBefore);
    }

    @Override
    void killServer() {
        process.destroyForcibly();
    }

    @Override
    String callBackAnswer(String answer) {
        return "cpp:" + answer;
    }

    @Override
    void assertFailure(String reason, RpcException failure) {
        assertTrue(failure.reason().contains(reason), failure.reason());
    }

    @Test
    void aPromisedCapabilityIsCallableBeforeAndAfterItResolvesAndIsReleased() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            var request = calc.laterRequest();
            request.params().setDelayMs(300);
            Callback.Client callback;
            try (Calc.LaterPromise promise = request.send(); Calc.LaterResponse response = promise.join()) {
                callback = response.getCallback(); // a senderPromise, resolved later by Resolve
            }
            try (Calc.Client javaCalc = Calc.Client.of(new JavaCalc())) {
                assertEquals("cpp:early/nested", Calls.call(callback, "early", javaCalc));
                Thread.sleep(100);
                assertEquals("cpp:late/nested", Calls.call(callback, "late", javaCalc));
            }
            callback.close();
            output.expect("callback destroyed");
            assertEquals("alive", Calls.echo(calc, "alive"));
        });
    }
}

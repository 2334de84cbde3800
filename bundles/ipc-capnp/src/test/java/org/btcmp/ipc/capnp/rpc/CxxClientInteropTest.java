package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.cxx.CxxPeer;
import org.btcmp.ipc.capnp.net.UnixSocketListener;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** C++ client (EzRpcClient, src/test/c++/rpc_peer.c++) calling our Java server of rpctest.capnp's Calc. */
class CxxClientInteropTest {
    private static final Duration NO_HANG = Duration.ofSeconds(60);
    private static CxxPeer peer;

    @TempDir
    Path dir;
    private Path socket;
    private UnixSocketListener listener;
    private JavaCalc calcServer;
    private final List<RpcConnection> connections = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void build() throws IOException, InterruptedException {
        peer = CxxPeer.buildRpc("rpc_peer", "rpctest.capnp");
    }

    @BeforeEach
    void listen() {
        peer.assumeAvailable();
        socket = dir.resolve("java-calc.sock");
        listener = UnixSockets.listen(socket, FrameLimits.DEFAULT);
        calcServer = new JavaCalc();
        Capability calc = Capability.of(calcServer);
        Thread acceptor = new Thread(() -> {
            try (calc) {
                while (true) {
                    connections.add(RpcConnection.start(listener.accept(), calc));
                }
            } catch (IpcException closed) {
                // the listener was closed: the test is over
            }
        }, "java-calc-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() {
        listener.close();
        connections.forEach(RpcConnection::close);
    }

    private void run(String scenario, String... expectedLines) throws Exception {
        Process process = peer.start("client", socket.toString(), scenario);
        CxxPeer.Result result = CxxPeer.await(process);
        assertEquals(0, result.status(), result.toString());
        assertEquals(String.join("\n", expectedLines), result.stdout().strip(), result.toString());
    }

    @Test
    void bootstrapAndSimpleCalls() {
        assertTimeoutPreemptively(NO_HANG, () -> run("basic", "echo=hello from c++", "add=42"));
    }

    @Test
    void threePipelinedCallsOnJavaResults() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            run("pipeline", "value=42");
            RpcConnectionTest.awaitValue(0, () -> calcServer.liveCounters.get());
        });
    }

    @Test
    void cxxPassesThePipelinedResultOfItsRunningCallBackToJava() {
        // valueOf(counter) names counter()'s answer, which Java has not returned yet (receiverAnswer):
        // value() on it waits for that answer, then runs on the Counter it holds.
        assertTimeoutPreemptively(NO_HANG, () -> {
            run("pipeline-param", "valueOf=41", "next=42");
            RpcConnectionTest.awaitValue(0, () -> calcServer.liveCounters.get());
        });
    }

    @Test
    void cxxCallsMethodsADoublerInheritsFromCounterOnTheJavaServerBase() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            run("inherit", "twice=42", "value=20", "next=21");
            RpcConnectionTest.awaitValue(0, () -> calcServer.liveCounters.get());
        });
    }

    @Test
    void aPipelinedCallOnItsOwnCallbackIsPassedBackToCxx() {
        assertTimeoutPreemptively(NO_HANG, () -> run("pipeline-back", "back=cpp:back/no calc", "again=cpp:again/no calc",
                "callback destroyed"));
    }

    @Test
    void capabilitiesInAListOfStructsSurviveJavaForwardingThemBothWays() {
        assertTimeoutPreemptively(NO_HANG, () -> run("forward-items", "gather=java calc,cpp calc",
                "returned=java calc again,cpp calc again", "callback destroyed"));
    }

    @Test
    void javaCallsACxxCallbackThatCallsBackIntoJava() {
        // C++ -> Java callBack -> C++ Callback.call -> Java calc.echo ("nested"). The Java method lets go of
        // the callback before it returns, so its Release reaches C++ before the Return does.
        assertTimeoutPreemptively(NO_HANG, () -> run("callback", "callback destroyed", "callback=cpp:ping/nested"));
    }

    @Test
    void aJavaExceptionArrivesInCxxWithTypeNameAndMessage() {
        assertTimeoutPreemptively(NO_HANG, () -> run("fail",
                "fail=remote exception: java.lang.IllegalStateException: cpp asked for it"));
    }

    @Test
    void javaReleasesAHeldCxxCallbackWhenItDropsIt() {
        assertTimeoutPreemptively(NO_HANG, () -> run("hold", "held", "callback destroyed", "dropped"));
    }

    @Test
    void oneHundredConcurrentCalls() {
        assertTimeoutPreemptively(NO_HANG, () -> run("concurrent", "concurrent=100"));
    }

    @Test
    void aCallCxxDropsIsCancelledInJava() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            Process client = peer.start("client", socket.toString(), "cancel");
            new PeerOutput(client).expect("echo=after cancel");
            RpcConnectionTest.awaitValue(1, () -> calcServer.canceledSleeps.get());
            assertTrue(client.isAlive(), "cancelled by Finish, not by the client going away");
            assertEquals(0, client.waitFor(), "the C++ client's exit status");
        });
    }

    @Test
    void aClientKilledMidCallLeavesTheServerServingOthers() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            Process sleeper = peer.start("client", socket.toString(), "sleep");
            new PeerOutput(sleeper).expect("sleeping");
            sleeper.destroyForcibly();
            sleeper.waitFor();
            RpcConnectionTest.awaitValue(1, () -> calcServer.canceledSleeps.get());
            run("basic", "echo=hello from c++", "add=42");
        });
    }
}

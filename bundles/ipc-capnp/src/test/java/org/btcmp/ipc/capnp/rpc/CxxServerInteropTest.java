package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.cxx.CxxPeer;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java client, C++ server (Debian's libcapnp, EzRpcServer): src/test/c++/rpc_peer.c++ serving rpctest.capnp. */
class CxxServerInteropTest {
    private static final Duration NO_HANG = Duration.ofSeconds(60);
    private static CxxPeer peer;

    @TempDir
    Path dir;
    private Process process;
    private PeerOutput output;
    private RpcConnection client;
    private Capability calc;

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
        calc = client.bootstrap();
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

    @Test
    void simpleCalls() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            assertEquals("hello c++", Calls.echo(calc, "hello c++"));
            assertEquals(-5, Calls.add(calc, -7, 2));
            assertEquals(1 << 20, Calls.size(calc, new byte[1 << 20]));
        });
    }

    @Test
    void aCxxExceptionArrivesWithItsTypeAndDescription() {
        RpcException failure = assertThrows(RpcException.class, () -> Calls.fail(calc, "bad request from java"));
        assertEquals(RpcException.Type.FAILED, failure.type());
        assertTrue(failure.reason().contains("bad request from java"), failure.reason());
        assertEquals("after", Calls.echo(calc, "after"));
    }

    @Test
    void threePipelinedCallsInOneRoundTrip() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            assertEquals("warm", Calls.echo(calc, "warm")); // bootstrap answered: nothing else is due
            long sentBefore = client.messagesSent();
            long receivedBefore = client.messagesReceived();
            RemotePromise first = Calls.counter(calc, 40, 300);
            Capability c1 = first.pipeline(0);
            RemotePromise second = Calls.next(c1);
            Capability c2 = second.pipeline(0);
            RemotePromise third = Calls.next(c2);
            Capability c3 = third.pipeline(0);
            RemotePromise value = Calls.value(c3);
            assertEquals(4, client.messagesSent() - sentBefore, "four calls, nothing else");
            long receivedWhileSending = client.messagesReceived() - receivedBefore;
            try (Response response = value.join()) {
                assertEquals(42, response.struct().getLong(0));
            }
            assertEquals(0, receivedWhileSending, "an answer arrived before the chain was sent");
            for (AutoCloseable c : List.of(c1, c2, c3, first, second, third)) {
                c.close();
            }
            for (int i = 0; i < 3; i++) {
                output.expect("counter destroyed");
            }
        });
    }

    @Test
    void aJavaCallbackIsCalledByCxxAndCallsBackIntoCxx() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            JavaCallback callbackServer = new JavaCallback();
            try (Capability callback = Capability.of(callbackServer)) {
                assertEquals("cpp:java:ping/nested", Calls.callBack(calc, callback, "ping"));
            }
            RpcConnectionTest.awaitValue(1, () -> callbackServer.released.get());
        });
    }

    @Test
    void capabilitiesInAListOfStructsCrossBothWaysThroughCxx() {
        // A call pipelined on identity(our callback): C++ forwards it back to us and our results to us.
        assertTimeoutPreemptively(NO_HANG, () -> {
            JavaCalc javaCalc = new JavaCalc();
            try (Capability callback = Capability.of(new JavaCallback()); Capability local = Capability.of(javaCalc)) {
                Request identity = calc.newCall(RpcTestSchema.CALC, RpcTestSchema.IDENTITY);
                identity.initParams(0, 1).setCap(0, identity.addCap(callback));
                try (RemotePromise returned = identity.send(); Capability back = returned.pipeline(0);
                        Response gathered = Calls.gather(back, List.of("java", "cpp"), List.of(local, calc)).join()) {
                    assertEquals("java,cpp", gathered.struct().getText(1));
                    List<RawStruct.Reader> items = Calls.items(gathered.struct().pointer(0));
                    try (Capability first = gathered.cap(items.get(0).getCap(1));
                            Capability second = gathered.cap(items.get(1).getCap(1))) {
                        assertEquals("java again", Calls.echo(first, "java again"));
                        assertEquals("cpp again", Calls.echo(second, "cpp again"));
                        Calls.hold(first, callback);
                        assertTrue(javaCalc.held.get() != null, "the first item is still our own calc");
                        Calls.dropHeld(first);
                    }
                }
            }
            RpcConnectionTest.awaitValue(1, () -> javaCalc.released.get());
        });
    }

    @Test
    void callsOnAPromiseThatResolvesToOurOwnCallbackKeepTheirOrder() {
        // C++ resolves the promise to our callback after 300 ms. Calls made before go to C++ and come
        // back; calls made after the Resolve wait here (embargo) until those have arrived, then run
        // here directly. The recorder is slow, so a call that skipped the queue would overtake.
        assertTimeoutPreemptively(NO_HANG, () -> {
            OrderRecorder recorder = new OrderRecorder(3);
            List<String> sent = new ArrayList<>();
            try (Capability callback = Capability.of(recorder)) {
                Request request = calc.newCall(RpcTestSchema.CALC, RpcTestSchema.RESOLVE_LATER);
                RawStruct.Builder params = request.initParams(1, 1);
                params.setCap(0, request.addCap(callback));
                params.setInt(0, 300);
                Capability promised;
                try (RemotePromise promise = request.send(); Response response = promise.join()) {
                    promised = response.cap(response.struct().getCap(0));
                }
                List<RemotePromise> pending = new ArrayList<>();
                long end = System.nanoTime() + Duration.ofMillis(800).toNanos();
                for (int i = 0; System.nanoTime() < end; i++) {
                    sent.add("call " + i);
                    pending.add(Calls.callText(promised, "call " + i));
                    Thread.sleep(2);
                }
                for (int i = 0; i < pending.size(); i++) {
                    try (Response response = pending.get(i).join()) {
                        assertEquals("call " + i, response.struct().getText(0));
                    }
                }
                promised.close();
            }
            assertEquals(sent, recorder.started());
            assertEquals("alive", Calls.echo(calc, "alive"));
        });
    }

    @Test
    void cxxReleasesAHeldJavaCallbackWhenItDropsIt() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            JavaCallback callbackServer = new JavaCallback();
            try (Capability callback = Capability.of(callbackServer)) {
                Calls.hold(calc, callback);
            }
            Thread.sleep(50);
            assertEquals(0, callbackServer.released.get(), "C++ still holds it");
            Calls.dropHeld(calc);
            RpcConnectionTest.awaitValue(1, () -> callbackServer.released.get());
        });
    }

    @Test
    void closingAResultCapabilityRunsTheCxxDestructor() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            Capability counter;
            try (RemotePromise promise = Calls.counter(calc, 7, 0); Response response = promise.join()) {
                counter = response.cap(response.struct().getCap(0));
            }
            try (Response response = Calls.value(counter).join()) {
                assertEquals(7, response.struct().getLong(0));
            }
            assertEquals(1, Calls.liveCounters(calc));
            counter.close();
            output.expect("counter destroyed");
            assertEquals(0, Calls.liveCounters(calc));
        });
    }

    @Test
    void aPromisedCapabilityIsCallableBeforeAndAfterItResolvesAndIsReleased() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            Request request = calc.newCall(RpcTestSchema.CALC, RpcTestSchema.LATER);
            request.initParams(1, 0).setInt(0, 300);
            Capability callback;
            try (RemotePromise promise = request.send(); Response response = promise.join()) {
                callback = response.cap(response.struct().getCap(0)); // a senderPromise, resolved later by Resolve
            }
            try (Capability javaCalc = Capability.of(new JavaCalc())) {
                assertEquals("cpp:early/nested", Calls.call(callback, "early", javaCalc));
                Thread.sleep(100);
                assertEquals("cpp:late/nested", Calls.call(callback, "late", javaCalc));
            }
            callback.close();
            output.expect("callback destroyed");
            assertEquals("alive", Calls.echo(calc, "alive"));
        });
    }

    @Test
    void closingAPendingCallCancelsItInCxx() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            RemotePromise sleeping = Calls.sleep(calc, 30_000);
            Thread.sleep(100);
            long received = client.messagesReceived();
            sleeping.close(); // Finish: C++ cancels the 30 s timer and answers at once (Return canceled)
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); // far below the 30 s sleep
            while (client.messagesReceived() == received) {
                assertTrue(System.nanoTime() < deadline, "C++ did not answer the cancelled call");
                Thread.sleep(5);
            }
            assertEquals("after cancel", Calls.echo(calc, "after cancel"));
        });
    }

    @Test
    void aKilledServerFailsTheCallInProgressWithIpcException() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            RemotePromise sleeping = Calls.sleep(calc, 30_000);
            Thread.sleep(100);
            process.destroyForcibly();
            assertThrows(IpcException.class, sleeping::join);
            assertThrows(IpcException.class, () -> Calls.echo(calc, "gone"));
        });
    }

    @Test
    void oneHundredConcurrentCalls() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String text = "call " + i;
                results.add(CompletableFuture.supplyAsync(() -> Calls.echo(calc, text)));
            }
            for (int i = 0; i < 100; i++) {
                assertEquals("call " + i, results.get(i).join());
            }
        });
    }
}

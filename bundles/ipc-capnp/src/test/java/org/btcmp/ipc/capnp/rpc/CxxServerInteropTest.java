package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * rpctest.capnp. The shared scenarios, plus a capability the C++ server resolves later, capabilities in
 * a list of structs forwarded through C++, and call order across a promise resolving to our own object.
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
    void aTailCallBackToUsTakesItsResultsFromOurOwnAnswer() {
        // C++ tail-calls our calc: it asks us with sendResultsTo.yourself, and answers our question with
        // takeFromOtherQuestion naming that call, whose results never travel.
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (Calc.Client ours = Calc.Client.of(new JavaCalc())) {
                assertEquals("java:tail", Calls.tail(calc, ours, "tail"));
                assertEquals("cpp:plain", Calls.tail(calc, "plain"));
            }
            assertEquals("after", Calls.echo(calc, "after"));
        });
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

    @Test
    void aListOfCapabilitiesCrossesBothWaysThroughCxx() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            JavaCalc javaCalc = new JavaCalc();
            try (Rpctest.Counter.Client three = Rpctest.Counter.Client.of(javaCalc.new JavaCounter(3));
                    Rpctest.Counter.Client four = Rpctest.Counter.Client.of(javaCalc.new JavaCounter(4))) {
                var request = calc.countersRequest();
                request.setClients(request.params().initCounters(3), java.util.Arrays.asList(three, null, four));
                try (Calc.CountersResponse response = request.send().join()) {
                    assertEquals(7, response.results().getTotal());
                    List<Rpctest.Counter.Client> back = response.getCounters();
                    assertEquals(3, back.size());
                    assertEquals(null, back.get(1));
                    List<Long> values = new ArrayList<>();
                    for (Rpctest.Counter.Client c : List.of(back.get(0), back.get(2))) {
                        try (c; Rpctest.Counter.ValueResponse value = c.valueRequest().send().join()) {
                            values.add(value.results().getValue());
                        }
                    }
                    assertEquals(List.of(30L, 40L), values);
                }
            }
            // C++ let go of ours; we let go of the two C++ made.
            RpcConnectionTest.awaitValue(0, () -> javaCalc.liveCounters.get());
            output.expect("counter destroyed");
            output.expect("counter destroyed");
        });
    }

    @Test
    void capabilitiesInAListOfStructsCrossBothWaysThroughCxx() {
        // A call pipelined on identity(our callback): C++ forwards it back to us and our results to us.
        assertTimeoutPreemptively(NO_HANG, () -> {
            JavaCalc javaCalc = new JavaCalc();
            try (Callback.Client callback = Callback.Client.of(new JavaCallback());
                    Calc.Client local = Calc.Client.of(javaCalc)) {
                var identity = calc.identityRequest();
                identity.params().setCallback(identity.addCap(callback));
                try (Calc.IdentityPromise returned = identity.send(); Callback.Client back = returned.getCallback();
                        Callback.GatherResponse gathered = Calls.gather(back, List.of("java", "cpp"),
                                List.of(local, calc)).join()) {
                    assertEquals("java,cpp", gathered.results().getText().toString());
                    var items = gathered.results().getItems();
                    try (Calc.Client first = Calls.itemCalc(gathered.untyped(), items.get(0));
                            Calc.Client second = Calls.itemCalc(gathered.untyped(), items.get(1))) {
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
            try (Callback.Client callback = Callback.Client.of(recorder)) {
                var request = calc.resolveLaterRequest();
                request.params().setCallback(request.addCap(callback));
                request.params().setDelayMs(300);
                Callback.Client promised;
                try (Calc.ResolveLaterPromise promise = request.send();
                        Calc.ResolveLaterResponse response = promise.join()) {
                    promised = response.getCallback();
                }
                List<Callback.CallPromise> pending = new ArrayList<>();
                long end = System.nanoTime() + Duration.ofMillis(800).toNanos();
                for (int i = 0; System.nanoTime() < end; i++) {
                    sent.add("call " + i);
                    pending.add(Calls.callText(promised, "call " + i));
                    Thread.sleep(2);
                }
                for (int i = 0; i < pending.size(); i++) {
                    try (Callback.CallResponse response = pending.get(i).join()) {
                        assertEquals("call " + i, response.results().getText().toString());
                    }
                }
                promised.close();
            }
            assertEquals(sent, recorder.started());
            assertEquals("alive", Calls.echo(calc, "alive"));
        });
    }
}

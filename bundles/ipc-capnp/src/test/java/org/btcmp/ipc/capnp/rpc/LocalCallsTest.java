package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.ipc.capnp.rpc.Rpctest.Calc;
import org.btcmp.ipc.capnp.rpc.Rpctest.Callback;
import org.btcmp.ipc.capnp.rpc.Rpctest.Counter;
import org.junit.jupiter.api.Test;

/** A capability on a server in the same process: the same API, no connection, no serialization. */
class LocalCallsTest {
    private static final Duration NO_HANG = Duration.ofSeconds(30);

    @Test
    void callsToOneObjectStartInTheOrderTheyWereMade() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            OrderRecorder recorder = new OrderRecorder(1); // each call busy a while: later ones could overtake
            List<String> sent = new ArrayList<>();
            List<Callback.CallPromise> pending = new ArrayList<>();
            try (Callback.Client callback = Callback.Client.of(recorder)) {
                for (int i = 0; i < 100; i++) {
                    sent.add("call " + i);
                    pending.add(Calls.callText(callback, "call " + i));
                }
                for (Callback.CallPromise promise : pending) {
                    promise.join().close();
                }
            }
            assertEquals(sent, recorder.started());
        });
    }

    @Test
    void callsOnAPipelinedCapabilityKeepTheirOrderAcrossItsResolution() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            OrderRecorder recorder = new OrderRecorder(0);
            List<String> sent = new ArrayList<>();
            List<Callback.CallPromise> pending = new ArrayList<>();
            try (Calc.Client calc = Calc.Client.of(new JavaCalc());
                    Callback.Client original = Callback.Client.of(recorder)) {
                var request = calc.identityRequest();
                request.params().setCallback(request.addCap(original));
                // Calls made before identity() answers wait; those made while they are passed on queue behind.
                try (Calc.IdentityPromise promise = request.send(); Callback.Client promised = promise.getCallback()) {
                    for (int i = 0; i < 200; i++) {
                        sent.add("call " + i);
                        pending.add(Calls.callText(promised, "call " + i));
                    }
                }
                for (Callback.CallPromise promise : pending) {
                    promise.join().close();
                }
            }
            assertEquals(sent, recorder.started());
        });
    }

    @Test
    void callsAndFailures() {
        JavaCalc server = new JavaCalc();
        try (Calc.Client calc = Calc.Client.of(server)) {
            assertEquals("local", Calls.echo(calc, "local"));
            assertEquals(7, Calls.add(calc, 3, 4));
            RpcException failure = assertThrows(RpcException.class, () -> Calls.fail(calc, "local failure"));
            assertEquals("java.lang.IllegalStateException: local failure", failure.reason());
        }
        assertEquals(1, server.released.get(), "closing the only handle releases the server");
    }

    @Test
    void pipelinedCallsWaitForTheResultsTheyNeed() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            JavaCalc server = new JavaCalc();
            try (Calc.Client calc = Calc.Client.of(server);
                    Calc.CounterPromise first = Calls.counter(calc, 10, 50);
                    Counter.Client c1 = first.getCounter();
                    Counter.NextPromise second = c1.nextRequest().send();
                    Counter.Client c2 = second.getCounter()) {
                assertEquals(11, Calls.value(c2));
            }
            RpcConnectionTest.awaitValue(0, () -> server.liveCounters.get());
        });
    }

    @Test
    void aPipelinedCallOnAFailedCallFailsTheSameWay() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (Calc.Client calc = Calc.Client.of(new JavaCalc())) {
                var request = calc.failRequest();
                request.params().setReason("no counter");
                // fail() has no results: pipeline on its (absent) first pointer as counter() would.
                try (Calc.FailPromise failed = request.send();
                        Counter.Client counter = new Counter.Client(failed.untyped().pipeline(0))) {
                    RpcException failure = assertThrows(RpcException.class, () -> Calls.value(counter));
                    assertEquals("java.lang.IllegalStateException: no counter", failure.reason());
                }
            }
        });
    }

    @Test
    void aMethodTheServerBaseDoesNotOverrideIsUnimplemented() {
        try (Calc.Client calc = Calc.Client.of(new JavaCalc())) {
            var request = calc.laterRequest();
            request.params().setDelayMs(1);
            RpcException failure = assertThrows(RpcException.class, () -> request.send().join());
            assertEquals(RpcException.Type.UNIMPLEMENTED, failure.type());
        }
    }
}

package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.btcmp.ipc.capnp.rpc.Rpctest.Calc;
import org.btcmp.ipc.capnp.rpc.Rpctest.Counter;
import org.junit.jupiter.api.Test;

/** A capability on a server in the same process: the same API, no connection, no serialization. */
class LocalCallsTest {
    private static final Duration NO_HANG = Duration.ofSeconds(30);

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

package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A capability on a server in the same process: the same API, no connection, no serialization. */
class LocalCallsTest {
    private static final Duration NO_HANG = Duration.ofSeconds(30);

    @Test
    void callsAndFailures() {
        JavaCalc server = new JavaCalc();
        try (Capability calc = Capability.of(server)) {
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
            try (Capability calc = Capability.of(server)) {
                RemotePromise first = Calls.counter(calc, 10, 50);
                Capability c1 = first.pipeline(0);
                RemotePromise second = Calls.next(c1);
                Capability c2 = second.pipeline(0);
                try (Response value = Calls.value(c2).join()) {
                    assertEquals(11, value.struct().getLong(0));
                }
                for (AutoCloseable c : List.of(c1, c2, first, second)) {
                    c.close();
                }
            }
            RpcConnectionTest.awaitValue(0, () -> server.liveCounters.get());
        });
    }

    @Test
    void aPipelinedCallOnAFailedCallFailsTheSameWay() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (Capability calc = Capability.of(new JavaCalc())) {
                Request request = calc.newCall(Rpctest.Calc.TYPE_ID, RpcTestSchema.FAIL);
                request.initParams(0, 1).setText(0, "no counter");
                try (RemotePromise failed = request.send(); Capability counter = failed.pipeline(0)) {
                    RpcException failure = assertThrows(RpcException.class, () -> Calls.value(counter).join());
                    assertEquals("java.lang.IllegalStateException: no counter", failure.reason());
                }
            }
        });
    }
}

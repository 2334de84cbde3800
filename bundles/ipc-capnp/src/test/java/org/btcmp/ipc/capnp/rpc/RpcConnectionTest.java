package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.rpc.Rpctest.Calc;
import org.btcmp.ipc.capnp.rpc.Rpctest.Callback;
import org.btcmp.ipc.capnp.rpc.Rpctest.Counter;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Java client and Java server over a socket pair: the shared scenarios, plus what only Java shows. */
class RpcConnectionTest extends CalcClientScenarios {
    private JavaCalc calcServer;
    private RpcConnection server;

    @BeforeEach
    void connect() {
        FrameConnection[] pair = UnixSockets.pair("rpc-test", FrameLimits.DEFAULT);
        calcServer = new JavaCalc();
        try (Calc.Client bootstrap = Calc.Client.of(calcServer)) {
            server = RpcConnection.start(pair[0], bootstrap.capability());
        }
        client = RpcConnection.start(pair[1], null);
        calc = new Calc.Client(client.bootstrap());
    }

    @AfterEach
    void disconnect() {
        calc.close();
        client.close();
        server.close();
    }

    @Override
    void awaitCountersReleased(int count) throws InterruptedException {
        awaitValue(0, () -> calcServer.liveCounters.get());
    }

    @Override
    void awaitSleepCanceled(long messagesReceivedBefore) throws InterruptedException {
        awaitValue(1, () -> calcServer.canceledSleeps.get());
    }

    @Override
    void killServer() {
        server.close();
    }

    @Override
    String callBackAnswer(String answer) {
        return answer;
    }

    @Override
    void assertFailure(String reason, RpcException failure) {
        assertEquals("java.lang.IllegalStateException: " + reason, failure.reason());
    }

    @Test
    void largeMessagesBothWaysAtOnceDoNotStall() {
        // Each side writes megabytes while the other does too: neither may stop reading meanwhile.
        assertTimeoutPreemptively(NO_HANG, () -> {
            String big = "x".repeat(3 << 20);
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String text = i + big;
                results.add(CompletableFuture.supplyAsync(() -> Calls.echo(calc, text)));
            }
            for (int i = 0; i < 8; i++) {
                assertEquals(i + big, results.get(i).join());
            }
        });
    }

    @Test
    void aPipelinedNullCapabilityOfARunningCallFailsTheCallsOnItOnceTheCallReturns() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (Calc.SleepPromise sleeping = Calls.sleep(calc, 300);
                    Counter.Client nothing = new Counter.Client(sleeping.untyped().pipeline(0))) {
                var request = calc.valueOfRequest();
                request.params().setCounter(request.addCap(nothing));
                RpcException failure = assertThrows(RpcException.class, () -> request.send().join());
                assertTrue(failure.reason().contains("null capability"), failure.reason());
                assertTrue(sleeping.untyped().isDone(), "the call on the result waited for the answer");
            }
            assertEquals("after", Calls.echo(calc, "after"));
        });
    }

    @Test
    void everythingEitherSideHeldIsReleasedWhenTheConnectionEnds() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            java.util.concurrent.atomic.AtomicInteger callbackReleased = new java.util.concurrent.atomic.AtomicInteger();
            try (Callback.Client callback = Callback.Client.of(new Callback.Server() {
                @Override
                public void released() {
                    callbackReleased.incrementAndGet();
                }
            })) {
                Calls.hold(calc, callback); // the server keeps our callback
            }
            try (Calc.CounterPromise promise = Calls.counter(calc, 1, 0); Counter.Client counter = promise.getCounter()) {
                assertEquals(1, Calls.value(counter)); // we keep the server's counter
                assertEquals(0, callbackReleased.get());
                client.close();
                awaitValue(0, () -> calcServer.liveCounters.get()); // the server let go of its export
                awaitValue(1, () -> callbackReleased.get()); // and we of ours
                assertThrows(org.btcmp.ipc.IpcException.class, () -> Calls.value(counter));
            }
        });
    }

    @Test
    void bootstrapWithoutAnOfferFails() {
        try (Calc.Client nothing = new Calc.Client(server.bootstrap())) {
            RpcException failure = assertThrows(RpcException.class, () -> Calls.echo(nothing, "x"));
            assertTrue(failure.reason().contains("no bootstrap"), failure.reason());
        }
    }

    static void awaitValue(long expected, LongSupplier actual) throws InterruptedException {
        while (actual.getAsLong() != expected) {
            Thread.sleep(5);
        }
    }
}

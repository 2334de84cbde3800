package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.rpc.Rpctest.Calc;
import org.btcmp.ipc.capnp.rpc.Rpctest.Callback;
import org.btcmp.ipc.capnp.rpc.Rpctest.Counter;
import org.btcmp.ipc.capnp.rpc.Rpctest.Doubler;
import org.junit.jupiter.api.Test;

/**
 * A Java client's scenarios against a Calc server over a connection, through the generated typed
 * client: each subclass connects to one server (Java, C++) in its {@code @BeforeEach}, sets
 * {@link #client} and {@link #calc}, and says how that server shows what the client cannot see.
 */
abstract class CalcClientScenarios {
    static final Duration NO_HANG = Duration.ofSeconds(60);

    /** The connection to the server (message counters). */
    RpcConnection client;
    /** The server's bootstrap Calc. */
    Calc.Client calc;

    /** Waits until the server has let go of {@code count} more counters than before the test's calls. */
    abstract void awaitCountersReleased(int count) throws Exception;

    /** Waits until the server has seen the cancellation of its one running sleep(). */
    abstract void awaitSleepCanceled(long messagesReceivedBefore) throws Exception;

    /** Kills or closes the server's end. */
    abstract void killServer() throws Exception;

    /** What callBack(callback, text) answers when the callback answers {@code answer}. */
    abstract String callBackAnswer(String answer);

    /** Checks the failure a fail(reason) call met. */
    abstract void assertFailure(String reason, RpcException failure);

    @Test
    void simpleCalls() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            assertEquals("hello", Calls.echo(calc, "hello"));
            assertEquals(-5, Calls.add(calc, -7, 2));
            assertEquals(1 << 20, Calls.size(calc, new byte[1 << 20]));
        });
    }

    @Test
    void aServerExceptionArrivesWithItsTypeAndMessage() {
        RpcException failure = assertThrows(RpcException.class, () -> Calls.fail(calc, "no such block"));
        assertEquals(RpcException.Type.FAILED, failure.type());
        assertFailure("no such block", failure);
        assertEquals("after", Calls.echo(calc, "after"), "the connection survives a failed call");
    }

    @Test
    void anUnknownMethodIsUnimplemented() {
        Request request = calc.capability().newCall(Calc.TYPE_ID, 99);
        request.initParams(0, 0);
        RpcException failure = assertThrows(RpcException.class, () -> request.send().join());
        assertEquals(RpcException.Type.UNIMPLEMENTED, failure.type());
        assertEquals("after", Calls.echo(calc, "after"));
    }

    @Test
    void threePipelinedCallsInOneRoundTrip() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            assertEquals("warm", Calls.echo(calc, "warm")); // bootstrap answered: nothing else is due
            long sentBefore = client.messagesSent();
            long receivedBefore = client.messagesReceived();
            // counter() takes 1 s on the server (a margin for a loaded machine); the two next() calls and
            // value() are sent meanwhile, each addressed to the answer before it.
            try (Calc.CounterPromise first = Calls.counter(calc, 40, 1000);
                    Counter.Client c1 = first.getCounter();
                    Counter.NextPromise second = c1.nextRequest().send();
                    Counter.Client c2 = second.getCounter();
                    Counter.NextPromise third = c2.nextRequest().send();
                    Counter.Client c3 = third.getCounter();
                    Counter.ValuePromise value = c3.valueRequest().send()) {
                assertEquals(4, client.messagesSent() - sentBefore, "four calls, nothing else");
                long receivedWhileSending = client.messagesReceived() - receivedBefore;
                try (Counter.ValueResponse response = value.join()) {
                    assertEquals(42, response.results().getValue());
                }
                assertEquals(0, receivedWhileSending, "an answer arrived before the chain was sent");
            }
            awaitCountersReleased(3);
        });
    }

    @Test
    void thePipelinedResultOfARunningCallGoesBackToTheServerInAnotherCall() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            // counter() takes 500 ms; valueOf(its counter) arrives meanwhile naming the unanswered call.
            try (Calc.CounterPromise first = Calls.counter(calc, 41, 500); Counter.Client pending = first.getCounter()) {
                var request = calc.valueOfRequest();
                request.params().setCounter(request.addCap(pending));
                try (Calc.ValueOfPromise promise = request.send()) {
                    assertTrue(!first.untyped().isDone(), "valueOf went out before counter() returned");
                    try (Calc.ValueOfResponse response = promise.join()) {
                        assertEquals(41, response.results().getValue());
                    }
                }
            }
            awaitCountersReleased(1);
        });
    }

    @Test
    void aPromiseOfOursIsCalledByTheServerAndResolvedForItLater() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            JavaCalc local = new JavaCalc();
            try (Calc.Client localCalc = Calc.Client.of(local);
                    Calc.CounterPromise pending = Calls.counter(localCalc, 41, 300);
                    Counter.Client promised = pending.getCounter()) {
                // Sent as a senderPromise: the server's call on it waits here until the local call answers,
                // then a Resolve tells the server what the promise became.
                assertEquals(41, valueOf(promised));
                assertTrue(pending.untyped().isDone());
                assertEquals(41, valueOf(promised), "the settled promise goes as the counter itself");
            }
            RpcConnectionTest.awaitValue(0, () -> local.liveCounters.get());
            assertEquals("after", Calls.echo(calc, "after"));
        });
    }

    long valueOf(Counter.Client counter) {
        var request = calc.valueOfRequest();
        request.params().setCounter(request.addCap(counter));
        try (Calc.ValueOfResponse response = request.send().join()) {
            return response.results().getValue();
        }
    }

    @Test
    void inheritedMethodsGoToTheServerWithTheSuperinterfacesId() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            var request = calc.doublerRequest();
            request.params().setStart(20);
            try (Calc.DoublerPromise promise = request.send(); Doubler.Client doubler = promise.getDoubler()) {
                var twice = doubler.twiceRequest();
                twice.params().setX(21);
                try (Doubler.TwiceResponse response = twice.send().join()) {
                    assertEquals(42, response.results().getX2());
                }
                try (Counter.ValueResponse response = doubler.valueRequest().send().join()) {
                    assertEquals(20, response.results().getValue(), "Counter.value on the Doubler client");
                }
                try (Counter.Client counter = doubler.asCounter()) {
                    assertEquals(20, Calls.value(counter), "through the Counter view");
                }
                try (Counter.NextPromise next = doubler.nextRequest().send(); Counter.Client counter = next.getCounter()) {
                    assertEquals(21, Calls.value(counter));
                }
            }
            awaitCountersReleased(1);
        });
    }

    @Test
    void aCallbackIsCalledBackAndCallsBackInTurn() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            JavaCallback callbackServer = new JavaCallback();
            try (Callback.Client callback = Callback.Client.of(callbackServer)) {
                assertEquals(callBackAnswer("java:ping/nested"), Calls.callBack(calc, callback, "ping"));
                assertEquals(1, callbackServer.calls.get());
            }
            RpcConnectionTest.awaitValue(1, () -> callbackServer.released.get());
        });
    }

    @Test
    void aHeldCallbackIsReleasedWhenTheServerDropsIt() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            JavaCallback callbackServer = new JavaCallback();
            try (Callback.Client callback = Callback.Client.of(callbackServer)) {
                Calls.hold(calc, callback);
            }
            Thread.sleep(50);
            assertEquals(0, callbackServer.released.get(), "the server still holds it");
            Calls.dropHeld(calc);
            RpcConnectionTest.awaitValue(1, () -> callbackServer.released.get());
        });
    }

    @Test
    void closingAResultCapabilityReleasesTheServerObject() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            Counter.Client counter;
            try (Calc.CounterPromise promise = Calls.counter(calc, 7, 0); Calc.CounterResponse response = promise.join()) {
                counter = response.getCounter();
            }
            assertEquals(7, Calls.value(counter));
            assertEquals(1, Calls.liveCounters(calc));
            counter.close();
            awaitCountersReleased(1);
            assertEquals(0, Calls.liveCounters(calc));
        });
    }

    @Test
    void aDroppedClientIsReleasedByTheCleaner() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (Calc.CounterPromise promise = Calls.counter(calc, 1, 0); Calc.CounterResponse response = promise.join()) {
                response.getCounter(); // dropped without close
            }
            assertEquals(1, Calls.liveCounters(calc));
            while (Calls.liveCounters(calc) != 0) {
                System.gc();
                Thread.sleep(20);
            }
            awaitCountersReleased(1);
        });
    }

    @Test
    void closingAPendingCallCancelsItOnTheServer() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            Calc.SleepPromise sleeping = Calls.sleep(calc, 30_000);
            Thread.sleep(100);
            long received = client.messagesReceived();
            sleeping.close(); // Finish
            awaitSleepCanceled(received);
            assertEquals("after cancel", Calls.echo(calc, "after cancel"));
        });
    }

    @Test
    void aLostServerFailsTheCallInProgressAndLaterCallsWithIpcException() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            Calc.SleepPromise sleeping = Calls.sleep(calc, 30_000);
            Thread.sleep(100);
            killServer();
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

    /** Fails if {@code condition} is not met within 10 s (far below the 30 s a sleep() call takes). */
    static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(5);
        }
    }
}

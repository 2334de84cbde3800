package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Java client and Java server over a socket pair: the protocol's features end to end. */
class RpcConnectionTest {
    private static final Duration NO_HANG = Duration.ofSeconds(30);

    private JavaCalc calcServer;
    private RpcConnection server;
    private RpcConnection client;
    private Capability calc;

    @BeforeEach
    void connect() {
        FrameConnection[] pair = UnixSockets.pair("rpc-test", FrameLimits.DEFAULT);
        calcServer = new JavaCalc();
        try (Capability bootstrap = Capability.of(calcServer)) {
            server = RpcConnection.start(pair[0], bootstrap);
        }
        client = RpcConnection.start(pair[1], null);
        calc = client.bootstrap();
    }

    @AfterEach
    void disconnect() {
        calc.close();
        client.close();
        server.close();
    }

    @Test
    void simpleCalls() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            assertEquals("hello", Calls.echo(calc, "hello"));
            assertEquals(5, Calls.add(calc, 2, 3));
            assertEquals(1 << 20, Calls.size(calc, new byte[1 << 20]));
        });
    }

    @Test
    void aServerExceptionArrivesWithItsTypeAndMessage() {
        RpcException failure = assertThrows(RpcException.class, () -> Calls.fail(calc, "no such block"));
        assertEquals(RpcException.Type.FAILED, failure.type());
        assertEquals("java.lang.IllegalStateException: no such block", failure.reason());
        assertEquals("hello", Calls.echo(calc, "hello"), "the connection survives a failed call");
    }

    @Test
    void anUnknownMethodIsUnimplemented() {
        Request request = calc.newCall(RpcTestSchema.CALC, 99);
        request.initParams(0, 0);
        RpcException failure = assertThrows(RpcException.class, () -> request.send().join());
        assertEquals(RpcException.Type.UNIMPLEMENTED, failure.type());
    }

    @Test
    void threePipelinedCallsGoOutBeforeAnyAnswer() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            assertEquals("warm", Calls.echo(calc, "warm")); // bootstrap answered: nothing else is due
            long receivedBefore = client.messagesReceived();
            // counter() takes 1 s on the server (a margin for a loaded machine); the two next() calls
            // and value() are sent meanwhile.
            RemotePromise first = Calls.counter(calc, 40, 1000);
            Capability c1 = first.pipeline(0);
            RemotePromise second = Calls.next(c1);
            Capability c2 = second.pipeline(0);
            RemotePromise third = Calls.next(c2);
            Capability c3 = third.pipeline(0);
            RemotePromise value = Calls.value(c3);
            long receivedWhileSending = client.messagesReceived() - receivedBefore;
            try (Response response = value.join()) {
                assertEquals(42, response.struct().getLong(0));
            }
            assertEquals(0, receivedWhileSending, "an answer arrived before the chain was sent");
            for (AutoCloseable c : List.of(c1, c2, c3, first, second, third)) {
                c.close();
            }
            awaitValue(0, () -> calcServer.liveCounters.get());
        });
    }

    @Test
    void aCallbackIsCalledBackAndCallsBackInTurn() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            JavaCallback callbackServer = new JavaCallback();
            try (Capability callback = Capability.of(callbackServer)) {
                assertEquals("java:ping/nested", Calls.callBack(calc, callback, "ping"));
                assertEquals(1, callbackServer.calls.get());
            }
            awaitValue(1, () -> callbackServer.released.get());
        });
    }

    @Test
    void aHeldCallbackIsReleasedWhenThePeerDropsIt() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            JavaCallback callbackServer = new JavaCallback();
            try (Capability callback = Capability.of(callbackServer)) {
                Calls.hold(calc, callback);
            }
            assertEquals(0, callbackServer.released.get(), "the server still holds it");
            Calls.dropHeld(calc);
            awaitValue(1, () -> callbackServer.released.get());
        });
    }

    @Test
    void closingAResultCapabilityReleasesTheServerObject() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            Capability counter;
            try (RemotePromise promise = Calls.counter(calc, 1, 0); Response response = promise.join()) {
                counter = response.cap(response.struct().getCap(0));
            }
            assertEquals(1, Calls.liveCounters(calc));
            try (Response response = Calls.value(counter).join()) {
                assertEquals(1, response.struct().getLong(0));
            }
            counter.close();
            awaitValue(0, () -> calcServer.liveCounters.get());
        });
    }

    @Test
    void aDroppedHandleIsReleasedByTheCleaner() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (RemotePromise promise = Calls.counter(calc, 1, 0); Response response = promise.join()) {
                response.cap(response.struct().getCap(0)); // dropped without close
            }
            assertEquals(1, calcServer.liveCounters.get());
            while (calcServer.liveCounters.get() != 0) {
                System.gc();
                Thread.sleep(20);
            }
        });
    }

    @Test
    void closingAPendingCallCancelsItOnTheServer() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            RemotePromise sleeping = Calls.sleep(calc, 20_000);
            Thread.sleep(100);
            sleeping.close();
            awaitValue(1, () -> calcServer.canceledSleeps.get());
            assertEquals("still here", Calls.echo(calc, "still here"));
        });
    }

    @Test
    void aLostConnectionFailsOutstandingAndLaterCallsWithIpcException() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            RemotePromise sleeping = Calls.sleep(calc, 20_000);
            Thread.sleep(100);
            server.close();
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
    void bootstrapWithoutAnOfferFails() {
        try (Capability nothing = server.bootstrap()) {
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

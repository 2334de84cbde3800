package org.btcmp.ipc.capnp.rpc;

import static org.btcmp.ipc.capnp.rpc.RpcTestSchema.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calls a server completes after dispatch has returned ({@link CallContext#defer}), over a connection
 * and in process: results, failures, exactly-once completion, params kept alive, cancellation.
 */
class DeferredCallsTest {
    private static final Duration NO_HANG = Duration.ofSeconds(30);

    /** A Calc whose every call is deferred and handed to the test through {@link #pending}. */
    private static final class DeferringCalc implements Server {
        final BlockingQueue<CallContext> pending = new LinkedBlockingQueue<>();

        @Override
        public void dispatch(long interfaceId, short methodId, CallContext context) {
            context.defer();
            context.defer(); // harmless twice
            pending.add(context);
        }

        CallContext next() throws InterruptedException {
            CallContext context = pending.poll(NO_HANG.toSeconds(), TimeUnit.SECONDS);
            assertTrue(context != null, "no call arrived");
            return context;
        }
    }

    private DeferringCalc calcServer;
    private RpcConnection server;
    private RpcConnection client;
    private Capability remote;
    private Capability local;

    @BeforeEach
    void connect() {
        FrameConnection[] pair = UnixSockets.pair("deferred-test", FrameLimits.DEFAULT);
        calcServer = new DeferringCalc();
        local = Capability.of(calcServer);
        server = RpcConnection.start(pair[0], local);
        client = RpcConnection.start(pair[1], null);
        remote = client.bootstrap();
    }

    @AfterEach
    void disconnect() {
        remote.close();
        local.close();
        client.close();
        server.close();
    }

    @Test
    void resultsSentAfterDispatchReturnedArrive() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            for (Capability calc : new Capability[] {remote, local}) {
                RemotePromise promise = echo(calc, "later");
                CallContext context = calcServer.next();
                Thread.sleep(50);
                assertFalse(promise.isDone(), "answered before complete()");
                // The params are still readable: the call has not completed.
                String text = context.paramsStruct().getText(0);
                Thread completer = new Thread(() -> {
                    context.initResults(0, 1).setText(0, text + "!");
                    context.complete();
                });
                completer.start();
                try (Response response = promise.join()) {
                    assertEquals("later!", response.struct().getText(0));
                }
                completer.join();
            }
        });
    }

    @Test
    void failArrivesAsAThrownErrorWould() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            for (Capability calc : new Capability[] {remote, local}) {
                RemotePromise promise = echo(calc, "x");
                calcServer.next().fail(new IllegalStateException("deferred failure"));
                RpcException failure = assertThrows(RpcException.class, promise::join);
                assertEquals(RpcException.Type.FAILED, failure.type());
                assertEquals("java.lang.IllegalStateException: deferred failure", failure.reason());
            }
        });
    }

    @Test
    void aCallCompletesExactlyOnce() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            for (Capability calc : new Capability[] {remote, local}) {
                RemotePromise promise = echo(calc, "once");
                CallContext context = calcServer.next();
                context.initResults(0, 1).setText(0, "first");
                context.complete();
                IllegalStateException again = assertThrows(IllegalStateException.class, context::complete);
                assertEquals("the call has already completed", again.getMessage());
                assertThrows(IllegalStateException.class, () -> context.fail(new RuntimeException("late")));
                assertThrows(IllegalStateException.class, context::defer);
                try (Response response = promise.join()) {
                    assertEquals("first", response.struct().getText(0));
                }
            }
            RemotePromise next = echo(remote, "still serving");
            CallContext context = calcServer.next();
            context.initResults(0, 1).setText(0, context.paramsStruct().getText(0));
            context.complete();
            try (Response response = next.join()) {
                assertEquals("still serving", response.struct().getText(0));
            }
        });
    }

    @Test
    void completingANonDeferredCallIsRefusedAndFailsIt() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (Capability calc = Capability.of((interfaceId, methodId, context) -> context.complete())) {
                RpcException failure = assertThrows(RpcException.class, () -> Calls.echo(calc, "x"));
                assertEquals("java.lang.IllegalStateException: complete() or fail() of a call that was not deferred",
                        failure.reason());
            }
        });
    }

    @Test
    void anExceptionAfterDeferFailsTheCall() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            Server throwing = (interfaceId, methodId, context) -> {
                context.defer();
                throw new UnsupportedOperationException("after defer");
            };
            try (Capability calc = Capability.of(throwing)) {
                RpcException failure = assertThrows(RpcException.class, () -> Calls.echo(calc, "x"));
                assertEquals("java.lang.UnsupportedOperationException: after defer", failure.reason());
            }
        });
    }

    @Test
    void aParamCapabilityStaysCallableUntilCompletion() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            JavaCallback callbackServer = new JavaCallback();
            try (Capability callback = Capability.of(callbackServer); Capability calc = Capability.of(new JavaCalc())) {
                Request request = remote.newCall(CALC, CALL_BACK);
                RawStruct.Builder params = request.initParams(0, 2);
                params.setCap(0, request.addCap(callback));
                params.setText(1, "deferred");
                RemotePromise promise = request.send();
                CallContext context = calcServer.next();
                Thread.sleep(50); // dispatch has returned
                RawStruct.Reader received = context.paramsStruct();
                Capability paramCallback = context.paramCap(received.getCap(0));
                String answer = Calls.call(paramCallback, received.getText(1), calc);
                paramCallback.close();
                context.initResults(0, 1).setText(0, answer);
                context.complete();
                try (Response response = promise.join()) {
                    assertEquals("java:deferred/nested", response.struct().getText(0));
                }
            }
            RpcConnectionTest.awaitValue(1, () -> callbackServer.released.get());
        });
    }

    @Test
    void cancellationIsVisibleWhileDeferred() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            RemotePromise promise = echo(remote, "cancel me");
            CallContext context = calcServer.next();
            assertFalse(context.isCanceled());
            promise.close();
            while (!context.isCanceled()) {
                Thread.sleep(5);
            }
            context.complete(); // answered with Canceled; the connection goes on
            RemotePromise next = echo(remote, "after");
            CallContext second = calcServer.next();
            second.initResults(0, 1).setText(0, "after");
            second.complete();
            try (Response response = next.join()) {
                assertEquals("after", response.struct().getText(0));
            }
        });
    }

    private static RemotePromise echo(Capability calc, String text) {
        Request request = calc.newCall(CALC, ECHO);
        request.initParams(0, 1).setText(0, text);
        return request.send();
    }
}

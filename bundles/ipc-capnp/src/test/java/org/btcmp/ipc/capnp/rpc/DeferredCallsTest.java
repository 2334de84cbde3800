package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.rpc.Rpctest.Calc;
import org.btcmp.ipc.capnp.rpc.Rpctest.Callback;
import org.btcmp.ipc.capnp.rpc.typed.TypedContext;
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

    /** A Calc whose echo and callBack calls are deferred and handed to the test through {@link #pending}. */
    private static final class DeferringCalc extends Calc.Server {
        final BlockingQueue<TypedContext<?, ?>> pending = new LinkedBlockingQueue<>();

        @Override
        protected void echo(Calc.EchoContext context) {
            hold(context);
        }

        @Override
        protected void callBack(Calc.CallBackContext context) {
            hold(context);
        }

        private void hold(TypedContext<?, ?> context) {
            context.defer();
            context.defer(); // harmless twice
            pending.add(context);
        }

        <C extends TypedContext<?, ?>> C next(Class<C> type) throws InterruptedException {
            TypedContext<?, ?> context = pending.poll(NO_HANG.toSeconds(), TimeUnit.SECONDS);
            assertTrue(context != null, "no call arrived");
            return type.cast(context);
        }
    }

    private DeferringCalc calcServer;
    private RpcConnection server;
    private RpcConnection client;
    private Calc.Client remote;
    private Calc.Client local;

    @BeforeEach
    void connect() {
        FrameConnection[] pair = UnixSockets.pair("deferred-test", FrameLimits.DEFAULT);
        calcServer = new DeferringCalc();
        local = Calc.Client.of(calcServer);
        server = RpcConnection.start(pair[0], local.capability());
        client = RpcConnection.start(pair[1], null);
        remote = new Calc.Client(client.bootstrap());
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
            for (Calc.Client calc : List.of(remote, local)) {
                Calc.EchoPromise promise = echo(calc, "later");
                Calc.EchoContext context = calcServer.next(Calc.EchoContext.class);
                Thread.sleep(50);
                assertFalse(promise.isDone(), "answered before complete()");
                // The params are still readable: the call has not completed.
                String text = context.params().getText().toString();
                Thread completer = new Thread(() -> {
                    context.results().setText(text + "!");
                    context.complete();
                });
                completer.start();
                try (Calc.EchoResponse response = promise.join()) {
                    assertEquals("later!", response.results().getText().toString());
                }
                completer.join();
            }
        });
    }

    @Test
    void failArrivesAsAThrownErrorWould() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            for (Calc.Client calc : List.of(remote, local)) {
                Calc.EchoPromise promise = echo(calc, "x");
                calcServer.next(Calc.EchoContext.class).fail(new IllegalStateException("deferred failure"));
                RpcException failure = assertThrows(RpcException.class, promise::join);
                assertEquals(RpcException.Type.FAILED, failure.type());
                assertEquals("java.lang.IllegalStateException: deferred failure", failure.reason());
            }
        });
    }

    @Test
    void aCallCompletesExactlyOnce() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            for (Calc.Client calc : List.of(remote, local)) {
                Calc.EchoPromise promise = echo(calc, "once");
                Calc.EchoContext context = calcServer.next(Calc.EchoContext.class);
                context.results().setText("first");
                context.complete();
                IllegalStateException again = assertThrows(IllegalStateException.class, context::complete);
                assertEquals("the call has already completed", again.getMessage());
                assertThrows(IllegalStateException.class, () -> context.fail(new RuntimeException("late")));
                assertThrows(IllegalStateException.class, context::defer);
                try (Calc.EchoResponse response = promise.join()) {
                    assertEquals("first", response.results().getText().toString());
                }
            }
            Calc.EchoPromise next = echo(remote, "still serving");
            Calc.EchoContext context = calcServer.next(Calc.EchoContext.class);
            context.results().setText(context.params().getText());
            context.complete();
            try (Calc.EchoResponse response = next.join()) {
                assertEquals("still serving", response.results().getText().toString());
            }
        });
    }

    @Test
    void completingANonDeferredCallIsRefusedAndFailsIt() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (Calc.Client calc = Calc.Client.of(new Calc.Server() {
                @Override
                protected void echo(Calc.EchoContext context) {
                    context.complete();
                }
            })) {
                RpcException failure = assertThrows(RpcException.class, () -> Calls.echo(calc, "x"));
                assertEquals("java.lang.IllegalStateException: complete() or fail() of a call that was not deferred",
                        failure.reason());
            }
        });
    }

    @Test
    void anExceptionAfterDeferFailsTheCall() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            Calc.Server throwing = new Calc.Server() {
                @Override
                protected void echo(Calc.EchoContext context) {
                    context.defer();
                    throw new UnsupportedOperationException("after defer");
                }
            };
            try (Calc.Client calc = Calc.Client.of(throwing)) {
                RpcException failure = assertThrows(RpcException.class, () -> Calls.echo(calc, "x"));
                assertEquals("java.lang.UnsupportedOperationException: after defer", failure.reason());
            }
        });
    }

    @Test
    void aParamCapabilityStaysCallableUntilCompletion() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            JavaCallback callbackServer = new JavaCallback();
            try (Callback.Client callback = Callback.Client.of(callbackServer);
                    Calc.Client calc = Calc.Client.of(new JavaCalc())) {
                var request = remote.callBackRequest();
                request.params().setCallback(request.addCap(callback));
                request.params().setText("deferred");
                Calc.CallBackPromise promise = request.send();
                Calc.CallBackContext context = calcServer.next(Calc.CallBackContext.class);
                Thread.sleep(50); // dispatch has returned
                Callback.Client paramCallback = context.getCallback();
                String answer = Calls.call(paramCallback, context.params().getText().toString(), calc);
                paramCallback.close();
                context.results().setText(answer);
                context.complete();
                try (Calc.CallBackResponse response = promise.join()) {
                    assertEquals("java:deferred/nested", response.results().getText().toString());
                }
            }
            RpcConnectionTest.awaitValue(1, () -> callbackServer.released.get());
        });
    }

    @Test
    void cancellationIsVisibleWhileDeferred() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            Calc.EchoPromise promise = echo(remote, "cancel me");
            Calc.EchoContext context = calcServer.next(Calc.EchoContext.class);
            assertFalse(context.isCanceled());
            promise.close();
            while (!context.isCanceled()) {
                Thread.sleep(5);
            }
            context.complete(); // answered with Canceled; the connection goes on
            Calc.EchoPromise next = echo(remote, "after");
            Calc.EchoContext second = calcServer.next(Calc.EchoContext.class);
            second.results().setText("after");
            second.complete();
            try (Calc.EchoResponse response = next.join()) {
                assertEquals("after", response.results().getText().toString());
            }
        });
    }

    private static Calc.EchoPromise echo(Calc.Client calc, String text) {
        var request = calc.echoRequest();
        request.params().setText(text);
        return request.send();
    }
}

package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.rpc.Rpctest.Calc;
import org.btcmp.ipc.capnp.rpc.Rpctest.Callback;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls reaching one object over one connection start in arrival order; other objects stay concurrent. */
class CallOrderTest {
    private static final Duration NO_HANG = Duration.ofSeconds(30);

    private RpcConnection server;
    private RpcConnection client;
    private Capability remote;

    private void serve(Server bootstrap) {
        FrameConnection[] pair = UnixSockets.pair("order-test", FrameLimits.DEFAULT);
        try (Capability cap = Capability.of(bootstrap)) {
            server = RpcConnection.start(pair[0], cap);
        }
        client = RpcConnection.start(pair[1], null);
        remote = client.bootstrap();
    }

    /** The bootstrap as a Calc, another handle the caller closes. */
    private Calc.Client remoteCalc() {
        return new Calc.Client(remote.duplicate());
    }

    /** The bootstrap as a Callback, another handle the caller closes. */
    private Callback.Client remoteCallback() {
        return new Callback.Client(remote.duplicate());
    }

    @AfterEach
    void disconnect() {
        remote.close();
        client.close();
        server.close();
    }

    @Test
    void callsToOneObjectStartInTheOrderTheyWereSent() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            OrderRecorder recorder = new OrderRecorder(1);
            serve(recorder);
            assertEquals(sendInOrder(200), recorder.started());
        });
    }

    @Test
    void callsRunOnTheReadingThreadKeepTheirOrderToo() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            OrderRecorder recorder = new OrderRecorder(0);
            serve(recorder);
            assertEquals(sendInOrder(500), recorder.started());
        });
    }

    /** Sends {@code count} calls to the bootstrap Callback without waiting, then waits for all; the texts sent. */
    private List<String> sendInOrder(int count) {
        List<String> sent = new ArrayList<>();
        List<Callback.CallPromise> pending = new ArrayList<>();
        try (Callback.Client callback = remoteCallback()) {
            for (int i = 0; i < count; i++) {
                sent.add("call " + i);
                pending.add(Calls.callText(callback, "call " + i));
            }
            for (Callback.CallPromise promise : pending) {
                promise.join().close();
            }
        }
        return sent;
    }

    @Test
    void aMethodThatSaysItDoesNotBlockButWaitsFailsInsteadOfStallingTheConnection() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            serve(new Calc.Server() {
                @Override
                protected void callBack(Calc.CallBackContext context) {
                    try (Callback.Client callback = context.getCallback()) {
                        context.results().setText(Calls.call(callback, "x", null));
                    }
                }

                @Override
                public boolean dispatchesWithoutBlocking(long interfaceId, short methodId) {
                    return true;
                }
            });
            try (Calc.Client calc = remoteCalc(); Callback.Client callback = Callback.Client.of(new JavaCallback())) {
                RpcException failure = assertThrows(RpcException.class, () -> Calls.callBack(calc, callback, "x"));
                assertTrue(failure.reason().startsWith("java.lang.IllegalStateException: a method that said it "
                        + "dispatches without blocking waited"), failure.reason());
            }
            assertTrue(client.isConnected());
        });
    }

    @Test
    void aCallBlockedInOneObjectDoesNotHoldUpAnother() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            CountDownLatch release = new CountDownLatch(1);
            Callback.Server blocking = new Callback.Server() {
                @Override
                protected void call(Callback.CallContext context) throws InterruptedException {
                    release.await();
                }
            };
            // The bootstrap Calc echoes, and hands out the blocking Callback: two objects.
            serve(new Calc.Server() {
                @Override
                protected void echo(Calc.EchoContext context) {
                    context.results().setText(context.params().getText());
                }

                @Override
                protected void later(Calc.LaterContext context) {
                    try (Callback.Client callback = Callback.Client.of(blocking)) {
                        context.setCallback(callback);
                    }
                }
            });
            try (Calc.Client calc = remoteCalc(); Calc.LaterResponse objects = calc.laterRequest().send().join();
                    Callback.Client first = objects.getCallback()) {
                Callback.CallPromise blocked = Calls.callText(first, "waits");
                Thread.sleep(50);
                assertEquals("not held up", Calls.echo(calc, "not held up"));
                assertFalse(blocked.isDone());
                release.countDown();
                blocked.join().close();
            }
        });
    }

    @Test
    void aMethodWaitingForAnAnswerLetsTheNextCallToItsObjectStart() {
        // calc.callBack(callback): the callback calls calc.echo on the very object still running
        // callBack, over the same connection. Without letting that call start, both would wait forever.
        assertTimeoutPreemptively(NO_HANG, () -> {
            serve(new JavaCalc());
            try (Calc.Client calc = remoteCalc(); Callback.Client callback = Callback.Client.of(new Callback.Server() {
                @Override
                protected void call(Callback.CallContext context) {
                    context.results().setText("callback/" + Calls.echo(calc, "reentrant"));
                }
            })) {
                assertEquals("callback/reentrant", Calls.callBack(calc, callback, "x"));
            }
        });
    }

    @Test
    void aDeferredCallLetsTheNextOneStartBeforeItCompletes() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            AtomicReference<Callback.CallContext> held = new AtomicReference<>();
            CountDownLatch deferred = new CountDownLatch(1);
            serve(new Callback.Server() {
                @Override
                protected void call(Callback.CallContext context) {
                    String text = context.params().getText().toString();
                    if (text.equals("first")) {
                        context.defer();
                        held.set(context);
                        deferred.countDown();
                        return;
                    }
                    context.results().setText(text);
                }
            });
            try (Callback.Client callback = remoteCallback()) {
                Callback.CallPromise first = Calls.callText(callback, "first");
                assertTrue(deferred.await(NO_HANG.toSeconds(), TimeUnit.SECONDS));
                try (Callback.CallResponse second = Calls.callText(callback, "second").join()) {
                    assertEquals("second", second.results().getText().toString());
                }
                assertFalse(first.isDone());
                held.get().results().setText("first");
                held.get().complete();
                try (Callback.CallResponse response = first.join()) {
                    assertEquals("first", response.results().getText().toString());
                }
            }
        });
    }
}

package org.btcmp.ipc.capnp.rpc;

import static org.btcmp.ipc.capnp.rpc.RpcTestSchema.CALC;
import static org.btcmp.ipc.capnp.rpc.RpcTestSchema.ECHO;
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
            List<String> sent = new ArrayList<>();
            List<RemotePromise> pending = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                sent.add("call " + i);
                pending.add(Calls.callText(remote, "call " + i));
            }
            for (RemotePromise promise : pending) {
                promise.join().close();
            }
            assertEquals(sent, recorder.started());
        });
    }

    @Test
    void callsRunOnTheReadingThreadKeepTheirOrderToo() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            OrderRecorder recorder = new OrderRecorder(0);
            serve(recorder);
            List<String> sent = new ArrayList<>();
            List<RemotePromise> pending = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                sent.add("call " + i);
                pending.add(Calls.callText(remote, "call " + i));
            }
            for (RemotePromise promise : pending) {
                promise.join().close();
            }
            assertEquals(sent, recorder.started());
        });
    }

    @Test
    void aMethodThatSaysItDoesNotBlockButWaitsFailsInsteadOfStallingTheConnection() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            serve(new Server() {
                @Override
                public void dispatch(long interfaceId, short methodId, CallContext context) {
                    try (Capability callback = context.paramCap(context.paramsStruct().getCap(0))) {
                        context.initResults(0, 1).setText(0, Calls.call(callback, "x", null));
                    }
                }

                @Override
                public boolean dispatchesWithoutBlocking(long interfaceId, short methodId) {
                    return true;
                }
            });
            try (Capability callback = Capability.of(new JavaCallback())) {
                RpcException failure = assertThrows(RpcException.class, () -> Calls.callBack(remote, callback, "x"));
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
            Server blocking = (interfaceId, methodId, context) -> release.await();
            Server echo = (interfaceId, methodId, context) -> context.initResults(0, 1)
                    .setText(0, context.paramsStruct().getText(0));
            // The bootstrap hands out both objects: pointer 0 the blocking one, pointer 1 the echo.
            serve((interfaceId, methodId, context) -> {
                try (Capability first = Capability.of(blocking); Capability second = Capability.of(echo)) {
                    RawStruct.Builder results = context.initResults(0, 2);
                    results.setCap(0, context.addResultCap(first));
                    results.setCap(1, context.addResultCap(second));
                }
            });
            try (Response objects = remote.newCall(CALC, 0).send().join();
                    Capability first = objects.capAt(0); Capability second = objects.capAt(1)) {
                RemotePromise blocked = Calls.callText(first, "waits");
                Thread.sleep(50);
                assertEquals("not held up", Calls.echo(second, "not held up"));
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
            Server callback = (interfaceId, methodId, context) -> context.initResults(0, 1)
                    .setText(0, "callback/" + Calls.echo(remote, "reentrant"));
            try (Capability cap = Capability.of(callback)) {
                assertEquals("callback/reentrant", Calls.callBack(remote, cap, "x"));
            }
        });
    }

    @Test
    void aDeferredCallLetsTheNextOneStartBeforeItCompletes() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            AtomicReference<CallContext> held = new AtomicReference<>();
            CountDownLatch deferred = new CountDownLatch(1);
            serve((interfaceId, methodId, context) -> {
                String text = context.paramsStruct().getText(0);
                if (text.equals("first")) {
                    context.defer();
                    held.set(context);
                    deferred.countDown();
                    return;
                }
                context.initResults(0, 1).setText(0, text);
            });
            RemotePromise first = Calls.callText(remote, "first");
            assertTrue(deferred.await(NO_HANG.toSeconds(), TimeUnit.SECONDS));
            assertEquals("second", Calls.echo(remote, "second"));
            assertFalse(first.isDone());
            held.get().initResults(0, 1).setText(0, "first");
            held.get().complete();
            try (Response response = first.join()) {
                assertEquals("first", response.struct().getText(0));
            }
        });
    }
}

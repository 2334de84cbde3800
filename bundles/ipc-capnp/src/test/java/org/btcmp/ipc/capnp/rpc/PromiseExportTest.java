package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.rpc.Rpctest.Calc;
import org.btcmp.ipc.capnp.rpc.Rpctest.Counter;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A promise of ours in params goes as a senderPromise; once it settles, a Resolve tells the peer what
 * it became (a capability, or the exception it broke with). The peer here only keeps what it gets.
 */
class PromiseExportTest {
    private static final Duration NO_HANG = Duration.ofSeconds(30);
    private final AtomicReference<Capability> kept = new AtomicReference<>();
    private RpcConnection server;
    private RpcConnection client;
    private Capability keeper;

    @BeforeEach
    void connect() {
        FrameConnection[] pair = UnixSockets.pair("promise-export", FrameLimits.DEFAULT);
        try (Capability bootstrap = Capability.of((interfaceId, methodId, context) ->
                kept.set(context.paramCap(context.paramsStruct().getCap(0))))) {
            server = RpcConnection.start(pair[0], bootstrap);
        }
        client = RpcConnection.start(pair[1], null);
        keeper = client.bootstrap();
    }

    @AfterEach
    void disconnect() {
        if (kept.get() != null) {
            kept.get().close();
        }
        keeper.close();
        client.close();
        server.close();
    }

    private void keep(Capability cap) {
        Request request = keeper.newCall(1, 0);
        request.initParams(0, 1).setCap(0, request.addCap(cap));
        request.send().join().close();
    }

    @Test
    void aPromiseThatSettlesToAnObjectIsResolvedToIt() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            JavaCalc local = new JavaCalc();
            try (Calc.Client localCalc = Calc.Client.of(local);
                    Calc.CounterPromise pending = Calls.counter(localCalc, 7, 300);
                    Counter.Client promised = pending.getCounter()) {
                keep(promised.capability());
                assertEquals(0, server.resolvesReceived(), "sent before it settled");
                RpcConnectionTest.awaitValue(1, () -> server.resolvesReceived());
                try (Counter.Client counter = new Counter.Client(kept.get().duplicate())) {
                    assertEquals(7, Calls.value(counter));
                }
            }
            kept.getAndSet(null).close();
            RpcConnectionTest.awaitValue(0, () -> local.liveCounters.get());
        });
    }

    @Test
    void anotherConnectionsCapabilityIsExportedAndItsCallsPassedOn() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            FrameConnection[] otherPair = UnixSockets.pair("other", FrameLimits.DEFAULT);
            JavaCalc otherServer = new JavaCalc();
            RpcConnection otherEnd;
            try (Calc.Client bootstrap = Calc.Client.of(otherServer)) {
                otherEnd = RpcConnection.start(otherPair[0], bootstrap.capability());
            }
            RpcConnection other = RpcConnection.start(otherPair[1], null);
            try (Calc.Client otherCalc = new Calc.Client(other.bootstrap());
                    Calc.CounterPromise pending = Calls.counter(otherCalc, 5, 0);
                    Counter.Client imported = pending.getCounter()) {
                pending.join().close(); // imported from the other connection, not a promise any more
                keep(imported.capability());
                try (Counter.Client counter = new Counter.Client(kept.get().duplicate())) {
                    assertEquals(5, Calls.value(counter)); // server -> us -> the other connection's server
                }
                kept.getAndSet(null).close();
            }
            RpcConnectionTest.awaitValue(0, () -> otherServer.liveCounters.get());
            other.close();
            otherEnd.close();
        });
    }

    @Test
    void aPromiseThatBreaksIsResolvedToItsException() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (Calc.Client localCalc = Calc.Client.of(new JavaCalc());
                    Calc.SleepPromise sleeping = Calls.sleep(localCalc, 300);
                    Capability nothing = sleeping.untyped().pipeline(0)) {
                keep(nothing);
                RpcConnectionTest.awaitValue(1, () -> server.resolvesReceived());
                try (Counter.Client counter = new Counter.Client(kept.get().duplicate())) {
                    RpcException failure = assertThrows(RpcException.class, () -> Calls.value(counter));
                    assertTrue(failure.reason().contains("null capability"), failure.reason());
                }
            }
        });
    }
}

package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Request.letFinishWait (what the generated proxies use): the Finish of an answered call leaves with the
 * connection's next message instead of on its own, in order; without it, and for a cancellation, at once.
 */
class LazyFinishTest {
    private static final Duration NO_HANG = Duration.ofSeconds(60);
    private RpcConnection server;
    private RpcConnection client;
    private Capability echo;

    /** Answers with its Int64 param plus one, on the reading thread. */
    private static final class PlusOne implements Server {
        @Override
        public boolean dispatchesWithoutBlocking(long interfaceId, short methodId) {
            return true;
        }

        @Override
        public void dispatch(long interfaceId, short methodId, CallContext context) {
            long value = context.params().getAs(RawStruct.ANY).getLong(0);
            context.results().initAs(RawStruct.factory(1, 0)).setLong(0, value + 1);
        }
    }

    @BeforeEach
    void connect() {
        FrameConnection[] pair = UnixSockets.pair("lazy-finish", FrameLimits.DEFAULT);
        try (Capability served = Capability.of(new PlusOne())) {
            server = RpcConnection.start(pair[0], served);
        }
        client = RpcConnection.start(pair[1], null);
        echo = client.bootstrap();
    }

    @AfterEach
    void close() {
        echo.close();
        client.close();
        server.close();
    }

    private long call(long value, boolean finishMayWait) {
        Request request = echo.newCall(1, 0);
        request.params().initAs(RawStruct.factory(1, 0)).setLong(0, value);
        if (finishMayWait) {
            request.letFinishWait();
        }
        try (RemotePromise promise = request.send(); Response response = promise.join()) {
            return response.content().getAs(RawStruct.ANY).getLong(0);
        }
    }

    @Test
    void theFinishOfAnAnsweredCallWaitsForTheNextMessageAndKeepsItsPlace() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            assertEquals(1, call(0, false)); // the bootstrap answered, nothing else due
            long sent = client.messagesSent();
            RpcConnectionTest.awaitValue(sent, server::messagesReceived); // all of it arrived
            assertEquals(11, call(10, true));
            assertEquals(sent + 1, client.messagesSent(), "the call went, its Finish waits");
            RpcConnectionTest.awaitValue(sent + 1, server::messagesReceived);
            assertEquals(21, call(20, false));
            assertEquals(sent + 4, client.messagesSent(), "the waiting Finish left before the next call, then its own Finish");
            RpcConnectionTest.awaitValue(sent + 4, server::messagesReceived);
        });
    }

    @Test
    void withoutItTheFinishLeavesAtOnce() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            assertEquals(1, call(0, false));
            long sent = client.messagesSent();
            assertEquals(6, call(5, false));
            assertEquals(sent + 2, client.messagesSent(), "the call and its Finish");
        });
    }
}

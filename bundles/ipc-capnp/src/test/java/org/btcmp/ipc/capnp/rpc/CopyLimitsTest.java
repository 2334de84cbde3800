package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.rpc.Rpctest.Calc;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Copying received content (params to results, forwarding) keeps to the limits its connection was
 * configured with, not the defaults: content beyond them fails the one call, with the limit named.
 */
class CopyLimitsTest {
    private static final Duration NO_HANG = Duration.ofSeconds(30);
    private static final int NESTING_LIMIT = 16;
    private RpcConnection server;
    private RpcConnection client;
    private Calc.Client calc;

    @BeforeEach
    void connect() {
        FrameConnection[] pair = UnixSockets.pair("copy-limits",
                new FrameLimits(FrameLimits.DEFAULT.traversalLimitWords(), NESTING_LIMIT));
        try (Calc.Client bootstrap = Calc.Client.of(new JavaCalc())) {
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

    /** identity() copies its params to its results: params {@code depth} structs deep. */
    private int identityOfDepth(int depth) {
        Request request = calc.capability().newCall(Calc.TYPE_ID, Calc.IDENTITY_METHOD);
        RawStruct.Builder level = request.initParams(0, 1);
        for (int i = 1; i < depth; i++) {
            level = level.initStruct(0, 0, 1);
        }
        try (Response response = request.send().join()) {
            int seen = 0;
            for (RawStruct.Reader r = response.struct(); r != null; r = r.getStruct(0)) {
                seen++;
            }
            return seen;
        }
    }

    @Test
    void contentWithinTheConfiguredNestingIsCopied() {
        assertTimeoutPreemptively(NO_HANG, () -> assertEquals(NESTING_LIMIT - 6, identityOfDepth(NESTING_LIMIT - 6)));
    }

    @Test
    void contentDeeperThanTheConfiguredNestingFailsTheCallNamingTheLimitAndTheConnectionServesOn() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            // Far below the default limit of 64, so only the configured limit can refuse it.
            RpcException failure = assertThrows(RpcException.class, () -> identityOfDepth(NESTING_LIMIT + 8));
            assertTrue(failure.reason().contains("nesting deeper than the limit of " + NESTING_LIMIT), failure.reason());
            assertTrue(server.isConnected() && client.isConnected(), "the connection survives");
            assertEquals("after", Calls.echo(calc, "after"));
        });
    }
}

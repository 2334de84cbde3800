package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.rpc.Rpctest.Calc;
import org.btcmp.ipc.capnp.rpc.Rpctest.Callback;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call pipelined on a promise that resolves to the caller's own callback: the server forwards it
 * back, copying params and results word by word, capabilities inside lists of structs included.
 */
class ForwardingTest {
    private static final Duration NO_HANG = Duration.ofSeconds(30);

    private JavaCalc calcServer;
    private RpcConnection server;
    private RpcConnection client;
    private Calc.Client calc;

    @BeforeEach
    void connect() {
        FrameConnection[] pair = UnixSockets.pair("forwarding-test", FrameLimits.DEFAULT);
        calcServer = new JavaCalc();
        try (Capability bootstrap = Capability.of(calcServer)) {
            server = RpcConnection.start(pair[0], bootstrap);
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

    @Test
    void capabilitiesInStructsInAListSurviveForwardingBothWays() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            JavaCallback callbackServer = new JavaCallback();
            JavaCalc clientCalc = new JavaCalc();
            try (Callback.Client callback = Callback.Client.of(callbackServer);
                    Calc.Client local = Calc.Client.of(clientCalc)) {
                var identity = calc.identityRequest();
                identity.params().setCallback(identity.addCap(callback));
                try (Calc.IdentityPromise returned = identity.send(); Callback.Client back = returned.getCallback();
                        Callback.GatherResponse gathered = Calls.gather(back, List.of("here", "there"),
                                List.of(local, calc)).join()) {
                    // The callback (in this process) called both calcs: ours, and the server's through it.
                    assertEquals("here,there", gathered.results().getText().toString());
                    var items = gathered.results().getItems();
                    assertEquals(2, items.size());
                    assertEquals("here", items.get(0).getName().toString());
                    assertEquals("there", items.get(1).getName().toString());
                    try (Calc.Client ours = Calls.itemCalc(gathered.untyped(), items.get(0));
                            Calc.Client theirs = Calls.itemCalc(gathered.untyped(), items.get(1))) {
                        assertNotNull(ours);
                        Calls.hold(ours, callback);
                        Calls.hold(theirs, callback);
                        assertNotNull(clientCalc.held.get(), "the first item came back as our own calc");
                        assertNotNull(calcServer.held.get(), "the second item still reaches the server's calc");
                        assertSame(callback.capability().target, clientCalc.held.get().capability().target,
                                "our own objects come back to us as themselves, not as proxies");
                        Calls.dropHeld(ours);
                        Calls.dropHeld(theirs);
                    }
                }
            }
            assertEquals(0, callbackServer.calls.get());
            RpcConnectionTest.awaitValue(1, () -> callbackServer.released.get());
            RpcConnectionTest.awaitValue(1, () -> clientCalc.released.get());
        });
    }
}

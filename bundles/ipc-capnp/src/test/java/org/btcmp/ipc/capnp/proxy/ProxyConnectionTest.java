package org.btcmp.ipc.capnp.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.btcmp.interfaces.Echo;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.capnp.gen.Proxies;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A proxy connection's own rules, both ends in this JVM over a socket pair. */
class ProxyConnectionTest {
    private final FrameConnection[] pair = UnixSockets.pair("test", FrameLimits.DEFAULT);
    private ProxyConnection server;
    private ProxyConnection client;

    private final Echo echo = new Echo() {
        @Override
        public String echo(String message) {
            return message;
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    @Test
    void onlyAnInterfaceWithConstructCanBeTheBootstrap() {
        server = ProxyConnection.start(pair[0], Proxies.registry(), Echo.class, echo);
        client = ProxyConnection.start(pair[1], Proxies.registry(), Init.class, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.bootstrap(Echo.class));
        assertTrue(e.getMessage().contains("no construct method"), e.getMessage());
    }

    @Test
    void aThreadsFirstCallGoesOutBeforeMakeThreadIsAnswered() throws Exception {
        GatedRelay relay = new GatedRelay();
        Init init = () -> echo;
        server = ProxyConnection.start(relay.serverEnd, Proxies.registry(), Init.class, init);
        client = ProxyConnection.start(relay.clientEnd, Proxies.registry(), Init.class, null);
        try {
            Init remote = client.bootstrap(Init.class); // bootstrap and construct: answered
            relay.close(); // from now on the server's answers are held back
            int before = relay.framesFromClient();
            java.util.concurrent.CompletableFuture<String> reply = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> remote.makeEcho().echo("hi"), runnable -> new Thread(runnable, "fresh client thread").start());
            // makeThread, then makeEcho naming the thread makeThread will make: both with no answer yet.
            assertTrue(relay.awaitFromClient(before + 2, 10_000),
                    "the first call waited for makeThread's answer: " + (relay.framesFromClient() - before) + " frame(s)");
            relay.open();
            assertEquals("hi", reply.get(60, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            relay.shutdown();
        }
    }

    @Test
    void anObjectThatComesBackHomeIsTheObjectItself() {
        Init init = () -> echo;
        server = ProxyConnection.start(pair[0], Proxies.registry(), Init.class, init);
        client = ProxyConnection.start(pair[1], Proxies.registry(), Init.class, null);
        Echo remote = client.bootstrap(Init.class).makeEcho();
        assertEquals("hi", remote.echo("hi"));
        assertTrue(remote instanceof ProxyClient);
        // The server side wraps a capability that leads back to one of its own objects as that object.
        ProxyServer<?> served = (ProxyServer<?>) org.btcmp.ipc.capnp.rpc.LocalServers.of(
                server.export(Echo.class, echo, false));
        assertSame(echo, served.impl);
        assertSame(echo, server.wrap(Echo.class, server.export(Echo.class, echo, false)));
    }
}

package org.btcmp.ipc.capnp.transport;

import java.time.Duration;
import org.btcmp.interfaces.Echo;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.capnp.gen.Proxies;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.proxy.ProxyConnection;
import org.btcmp.ipc.capnp.wire.FrameLimits;

/** The child of {@link CapnpProcessSpawnerTest}: serves an Init on the inherited descriptor args[0], exits when it ends. */
public final class SpawnedInitChild {
    private SpawnedInitChild() {
    }

    public static void main(String[] args) throws Exception {
        int fd = Integer.parseInt(args[0]);
        Init init = () -> new Echo() {
            @Override
            public String echo(String message) {
                return "child on fd " + fd + ": " + message;
            }

            @Override
            public void close() {
            }
        };
        ProxyConnection connection = ProxyConnection.start(UnixSockets.inherited(fd, FrameLimits.DEFAULT), Proxies.registry(),
                Init.class, init);
        while (!connection.awaitClosed(Duration.ofHours(1))) {
            // serving
        }
        System.exit(0);
    }
}

package org.btcmp.ipc.capnp.proxy;

import java.nio.file.Path;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.capnp.gen.Proxies;
import org.btcmp.ipc.capnp.proxy.hooks.GeneratedHooks;
import org.btcmp.ipc.capnp.proxy.hooks.Hooks;
import org.btcmp.ipc.capnp.proxy.hooks.PeerHooks;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.UnixSocketListener;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.wire.FrameLimits;

/** The other process of the cross-JVM tests: serves {@link PeerInit} to every connection on the socket. */
public final class PeerMain {
    private PeerMain() {
    }

    public static void main(String[] args) throws Exception {
        UnixSocketListener listener = UnixSockets.listen(Path.of(args[0]), FrameLimits.DEFAULT);
        UnixSocketListener hooks = UnixSockets.listen(Path.of(args[0] + ".hooks"), FrameLimits.DEFAULT);
        Thread hooksServer = new Thread(() -> {
            ProxyRegistry registry = GeneratedHooks.registry();
            while (true) {
                ProxyConnection.start(hooks.accept(), registry, Hooks.class, new PeerHooks());
            }
        }, "hooks-listener");
        hooksServer.setDaemon(true);
        hooksServer.start();
        emit("READY");
        while (true) {
            FrameConnection frames = listener.accept();
            ProxyConnection.start(frames, Proxies.registry(), Init.class, new PeerInit());
        }
    }

    /** Prints one line for the test to read. */
    public static synchronized void emit(String line) {
        System.out.println(line);
        System.out.flush();
    }
}

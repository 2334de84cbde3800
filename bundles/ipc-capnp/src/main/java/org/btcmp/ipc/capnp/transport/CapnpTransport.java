package org.btcmp.ipc.capnp.transport;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.Server;
import org.btcmp.ipc.Transport;
import org.btcmp.ipc.capnp.gen.Proxies;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.UnixSocketListener;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.proxy.ProxyConnection;
import org.btcmp.ipc.capnp.proxy.ProxyRegistry;
import org.btcmp.ipc.capnp.trace.CallTrace;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Cap'n Proto over UNIX sockets with libmultiprocess's conventions: serves an Init on {@code unix:PATH}
 * (a safe listener: private directory, 0600 socket) or on an inherited {@code fd:N}, and connects to one.
 * The peer's Init and everything reached through it are generated proxies. Closing a server ends the
 * connections it accepted; stopping the transport ends every connection and listener it made.
 */
@Component(service = Transport.class, immediate = true, property = {Transport.SCHEME_PROPERTY + "=" + IpcAddress.UNIX,
        Transport.SCHEME_PROPERTY + "=" + IpcAddress.FD})
public final class CapnpTransport implements Transport {
    private final ProxyRegistry registry = Proxies.registry();
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    private volatile Thread preload;

    /**
     * Immediate, so that junixsocket's native library loads on a side thread while the rest of the
     * process starts (the node opening its chain), not when the node first listens on its socket.
     */
    @Activate
    void activate() {
        Thread loader = new Thread(UnixSockets::preload, "capnp-native-preload");
        loader.setDaemon(true);
        preload = loader;
        loader.start();
    }

    /**
     * {@code -debug=ipc}: a process's debug log offers itself as a {@code Consumer<String>} service with
     * property btcmp.log=ipc; every proxy call on either side is then written to it (see CallTrace).
     */
    @Reference(service = Consumer.class, target = "(btcmp.log=ipc)", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeCallLog")
    void addCallLog(Consumer<String> log) {
        CallTrace.addSink(log);
    }

    void removeCallLog(Consumer<String> log) {
        CallTrace.removeSink(log);
    }

    @Override
    public String scheme() {
        return IpcAddress.UNIX;
    }

    @Override
    public boolean supports(IpcAddress address) {
        return address.scheme().equals(IpcAddress.UNIX) || address.scheme().equals(IpcAddress.FD);
    }

    @Override
    public Server serve(IpcAddress address, Init init) {
        checkUsable(address);
        if (address.scheme().equals(IpcAddress.FD)) {
            CapnpConnection connection = track(UnixSockets.connect(address, FrameLimits.DEFAULT), init, false, c -> { });
            return new CapnpServer(address, connection::close);
        }
        UnixSocketListener listener = UnixSockets.listen(Path.of(address.target()), FrameLimits.DEFAULT);
        open.add(listener);
        CapnpServer server = new CapnpServer(address, listener::close);
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    server.accepted(track(listener.accept(), init, false, server::ended));
                }
            } catch (IpcException e) {
                // the listener was closed: stop accepting
            } finally {
                open.remove(listener);
            }
        }, "capnp-accept " + address);
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    @Override
    public Connection connect(IpcAddress address) {
        checkUsable(address);
        return track(UnixSockets.connect(address, FrameLimits.DEFAULT), null, true, c -> { });
    }

    /**
     * Runs the protocol on {@code frames}, serving {@code init} (or nothing); with {@code client}, takes the
     * peer's Init. {@code onEnd} hears when the connection ends.
     */
    private CapnpConnection track(FrameConnection frames, Init init, boolean client, Consumer<CapnpConnection> onEnd) {
        ProxyConnection proxies = ProxyConnection.start(frames, registry, Init.class, init);
        open.add(proxies);
        Init remote;
        try {
            remote = client ? proxies.bootstrap(Init.class) : null;
        } catch (RuntimeException e) {
            proxies.close();
            throw e;
        }
        CapnpConnection connection = new CapnpConnection(proxies, remote, c -> {
            open.remove(proxies);
            onEnd.accept(c);
        });
        if (stopped) { // raced with deactivate
            proxies.close();
            throw new IpcException("capnp transport stopped");
        }
        return connection;
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        awaitPreload();
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                // going away anyway
            }
        }
        open.clear();
    }

    private void checkUsable(IpcAddress address) {
        if (stopped) {
            throw new IpcException("capnp transport stopped");
        }
        if (!supports(address)) {
            throw new IpcException("the capnp transport cannot reach " + address + " (only unix:PATH and fd:N)");
        }
    }

    /** A process that stops at once (a bad option) must not close this bundle under the loading thread. */
    private void awaitPreload() {
        Thread loader = preload;
        if (loader == null) {
            return;
        }
        try {
            loader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

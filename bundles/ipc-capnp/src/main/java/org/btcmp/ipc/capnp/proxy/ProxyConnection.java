package org.btcmp.ipc.capnp.proxy;

import java.time.Duration;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.rpc.Capability;
import org.btcmp.ipc.capnp.rpc.LocalServers;
import org.btcmp.ipc.capnp.rpc.RawStruct;
import org.btcmp.ipc.capnp.rpc.RemotePromise;
import org.btcmp.ipc.capnp.rpc.Request;
import org.btcmp.ipc.capnp.rpc.RpcConnection;
import org.btcmp.ipc.capnp.rpc.Server;

/**
 * A Cap'n Proto connection with libmultiprocess's conventions on top: this side's ThreadMap (the peer's
 * client threads get server threads here), the peer's ThreadMap (learned through Init.construct), and
 * the generated proxies of its registry to turn capabilities into Java objects and back.
 */
public final class ProxyConnection implements AutoCloseable {
    private final ProxyRegistry registry;
    private final Capability localThreadMap;
    private volatile Capability peerThreadMap;
    /** One handle per peer thread that called with it as callbackThread: see {@link #retainCallbackThread}. */
    private final java.util.Map<Object, Capability> callbackThreads = new java.util.concurrent.ConcurrentHashMap<>();
    private RpcConnection rpc;

    private ProxyConnection(ProxyRegistry registry, String name) {
        this.registry = registry;
        this.localThreadMap = Capability.of(new ThreadMapServer(name));
    }

    /**
     * Runs the protocol on {@code frames} (not yet started), offering {@code init} (an object of
     * {@code initType}, or null) as the bootstrap capability.
     */
    public static <I> ProxyConnection start(FrameConnection frames, ProxyRegistry registry, Class<I> initType, I init) {
        ProxyConnection connection = new ProxyConnection(registry, frames.name());
        Capability bootstrap = init == null ? null : Capability.of(registry.server(initType, connection, init, false));
        connection.rpc = RpcConnection.start(frames, bootstrap);
        if (bootstrap != null) {
            bootstrap.close();
        }
        return connection;
    }

    /** The peer's bootstrap object as {@code type}, after exchanging thread maps with it (Init.construct). */
    public <I> I bootstrap(Class<I> type) {
        I init = registry.client(type, this, rpc.bootstrap());
        ((ProxyClient) init).construct();
        return init;
    }

    public String name() {
        return rpc.name();
    }

    public boolean isConnected() {
        return rpc.isConnected();
    }

    /** Ends the connection: calls in flight fail with IpcException, everything the peer held is released. */
    @Override
    public void close() {
        rpc.close();
    }

    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return rpc.awaitClosed(timeout);
    }

    /** Lets go of a proxy's remote object without destroying it (Java interfaces without close()). */
    public static void release(Object proxy) {
        if (proxy instanceof ProxyClient client) {
            client.release();
        }
    }

    Capability localThreadMap() {
        return localThreadMap;
    }

    void peerThreadMap(Capability threadMap) {
        Capability old = peerThreadMap;
        peerThreadMap = threadMap;
        if (old != null) {
            old.close();
        }
    }

    /**
     * A new server thread on the peer for the calling thread, made by the peer's ThreadMap: the pipelined
     * capability of the makeThread call, so the first call naming it goes out at once, not a round trip
     * later. A makeThread that fails fails the calls naming the thread.
     */
    Capability makeThread(String name) {
        Capability threadMap = peerThreadMap;
        if (threadMap == null) {
            throw new IpcException("connection " + name() + ": the peer gave no ThreadMap (Init.construct was not called)");
        }
        Request request = threadMap.newCall(ThreadMapServer.INTERFACE_ID, 0);
        request.params().initAs(RawStruct.factory(0, 1)).setText(0, name);
        try (RemotePromise promise = request.send()) {
            return promise.pipeline(0); // keeps the question open: the thread is addressed through it
        }
    }

    /**
     * Keeps one handle of a peer thread that sent itself as a Context's callbackThread, for the life of the
     * connection, as libmultiprocess keeps its thread references: letting go after every call would cost
     * a Release message (and a wake-up of the peer) per call.
     */
    void retainCallbackThread(Capability thread) {
        if (thread != null) {
            callbackThreads.computeIfAbsent(LocalServers.identity(thread), k -> thread.duplicate());
        }
    }

    /** {@code cap} as an object of {@code type}: the local object itself if the capability came home, else a proxy. */
    <I> I wrap(Class<I> type, Capability cap) {
        Server local = LocalServers.of(cap);
        if (local instanceof ProxyServer<?> server && type.isInstance(server.impl)) {
            cap.close();
            return type.cast(server.impl);
        }
        return registry.client(type, this, cap);
    }

    /** {@code value} as a capability (a handle for the caller to close); {@code owned}: destroyed when the peer lets go. */
    <I> Capability export(Class<I> type, I value, boolean owned) {
        return Capability.of(registry.server(type, this, value, owned));
    }
}

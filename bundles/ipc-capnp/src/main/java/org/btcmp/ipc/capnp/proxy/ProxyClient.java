package org.btcmp.ipc.capnp.proxy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.rpc.Capability;
import org.btcmp.ipc.capnp.rpc.RawStruct;
import org.btcmp.ipc.capnp.rpc.RemotePromise;
import org.btcmp.ipc.capnp.rpc.Request;
import org.btcmp.ipc.capnp.rpc.RpcException;

/**
 * The base of generated proxy clients: a Java interface's implementation whose methods are calls on
 * a remote object. A proxy that becomes unreachable is released by the capability's Cleaner.
 */
public abstract class ProxyClient {
    private final ProxyConnection connection;
    private final Capability cap;
    private final long interfaceId;
    private final AtomicBoolean released = new AtomicBoolean();

    protected ProxyClient(ProxyConnection connection, Capability cap, long interfaceId) {
        this.connection = connection;
        this.cap = cap;
        this.interfaceId = interfaceId;
    }

    final ProxyConnection connection() {
        return connection;
    }

    final Capability capability() {
        if (released.get()) {
            throw new IllegalStateException("this proxy was closed");
        }
        return cap;
    }

    /** Starts a call of {@code methodId}; {@code contextOffset} is the Context's pointer, -1 for none. */
    protected final ClientCall call(int methodId, int dataWords, int pointers, int contextOffset) {
        Request request = capability().newCall(interfaceId, methodId);
        return new ClientCall(connection, request, dataWords, pointers, contextOffset);
    }

    /** Java's close(): destroy (method {@code destroyMethodId}) on the remote object, then release it. */
    protected final void destroy(int destroyMethodId) {
        if (released.get()) {
            return;
        }
        try (ClientCall call = call(destroyMethodId, 0, 1, 0)) {
            call.send();
        } catch (IpcException e) {
            // The peer is gone: it destroyed everything it held.
        } finally {
            release();
        }
    }

    /** Lets go of the remote object (without destroying it). */
    final void release() {
        if (released.compareAndSet(false, true)) {
            cap.close();
        }
    }

    /** The ordinal of the schema's {@code construct (threadMap) -> (threadMap)}, -1 if it has none. */
    protected int constructOrdinal() {
        return -1;
    }

    /** Init.construct: gives the peer this side's ThreadMap and takes the peer's (pipelined: no wait). */
    final void construct() {
        int ordinal = constructOrdinal();
        if (ordinal < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the schema interface has no construct"
                    + " method, so it cannot be a connection's bootstrap (no thread maps to exchange)");
        }
        Request request = capability().newCall(interfaceId, ordinal);
        RawStruct.Builder params = request.params().initAs(RawStruct.factory(0, 1));
        params.setCap(0, request.addCap(connection.localThreadMap()));
        try (RemotePromise promise = request.send()) {
            connection.peerThreadMap(promise.pipeline(0));
        } catch (RpcException e) {
            throw new IpcException("Init.construct failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " on " + connection.name();
    }
}

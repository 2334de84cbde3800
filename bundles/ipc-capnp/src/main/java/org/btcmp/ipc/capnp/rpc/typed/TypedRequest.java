package org.btcmp.ipc.capnp.rpc.typed;

import java.util.function.Function;
import org.btcmp.ipc.capnp.rpc.Capability;
import org.btcmp.ipc.capnp.rpc.RemotePromise;
import org.btcmp.ipc.capnp.rpc.Request;

/**
 * A call being built: fill {@link #params()} (capability fields take the index {@link #addCap} returns),
 * then {@link #send()} once.
 *
 * @param <P> the params struct's builder
 * @param <Q> the method's generated promise
 */
public final class TypedRequest<P, Q> {
    private final Request request;
    private final P params;
    private final Function<RemotePromise, Q> promise;

    TypedRequest(Request request, P params, Function<RemotePromise, Q> promise) {
        this.request = request;
        this.params = params;
        this.promise = promise;
    }

    /** The params, written in place into the outgoing message. */
    public P params() {
        return params;
    }

    /** Adds {@code cap} (or null) to the params' cap table; the caller keeps its own handle. */
    public int addCap(Capability cap) {
        return request.addCap(cap);
    }

    /** Adds the client's capability (or null) to the params' cap table; the caller keeps the client. */
    public int addCap(TypedClient client) {
        return request.addCap(client == null ? null : client.capability());
    }

    /** Sends the call; the returned promise owns the answer. */
    public Q send() {
        return promise.apply(request.send());
    }

    /** The untyped request underneath. */
    public Request untyped() {
        return request;
    }
}

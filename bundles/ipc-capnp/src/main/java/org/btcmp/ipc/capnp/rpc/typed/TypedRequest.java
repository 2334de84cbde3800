package org.btcmp.ipc.capnp.rpc.typed;

import java.util.List;
import java.util.function.Function;
import org.btcmp.ipc.capnp.rpc.CapPointer;
import org.btcmp.ipc.capnp.rpc.Capability;
import org.btcmp.ipc.capnp.rpc.RemotePromise;
import org.btcmp.ipc.capnp.rpc.Request;
import org.capnproto.PointerList;

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

    /**
     * Fills a List(Interface) of the params (e.g. {@code params().initFoo(n)}) with the clients' capabilities
     * (a null client: a null element); the caller keeps the clients.
     */
    public void setClients(PointerList.Builder<CapPointer.Slot> list, List<? extends TypedClient> clients) {
        CapabilityLists.write(list, clients, request::addCap);
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

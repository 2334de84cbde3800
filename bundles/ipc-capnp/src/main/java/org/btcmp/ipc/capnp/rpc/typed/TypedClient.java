package org.btcmp.ipc.capnp.rpc.typed;

import java.util.Objects;
import java.util.function.Function;
import org.btcmp.ipc.capnp.rpc.Capability;
import org.btcmp.ipc.capnp.rpc.RemotePromise;
import org.btcmp.ipc.capnp.rpc.Request;
import org.capnproto.FromPointerBuilder;

/**
 * Base of a generated interface client: owns one capability handle, closed with the client. Calls
 * start with the generated {@code fooRequest()} methods.
 */
public abstract class TypedClient implements AutoCloseable {
    private final Capability capability;

    /** Takes ownership of {@code capability}. */
    protected TypedClient(Capability capability) {
        this.capability = Objects.requireNonNull(capability, "capability");
    }

    /** The handle this client owns (closing the client closes it; duplicate it to keep it longer). */
    public final Capability capability() {
        return capability;
    }

    /** Starts a call whose params are a {@code params} struct and whose promise {@code promise} wraps. */
    protected final <P, Q> TypedRequest<P, Q> newRequest(long interfaceId, int methodId, FromPointerBuilder<P> params,
            Function<RemotePromise, Q> promise) {
        Request request = capability.newCall(interfaceId, methodId);
        return new TypedRequest<>(request, request.params().initAs(params), promise);
    }

    @Override
    public void close() {
        capability.close();
    }
}

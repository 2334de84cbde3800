package org.btcmp.ipc.capnp.rpc.typed;

import java.util.List;
import java.util.function.Function;
import org.btcmp.ipc.capnp.rpc.CapPointer;
import org.btcmp.ipc.capnp.rpc.Capability;
import org.btcmp.ipc.capnp.rpc.Response;
import org.capnproto.FromPointerReader;
import org.capnproto.PointerList;

/**
 * Base of a method's generated response: the results, readable until closed. Generated subclasses add
 * a getter per capability in the results that returns a client (the caller closes it).
 *
 * @param <R> the results struct's reader
 */
public abstract class TypedResponse<R> implements AutoCloseable {
    private final Response response;
    private final R results;

    protected TypedResponse(Response response, FromPointerReader<R> results) {
        this.response = response;
        this.results = response.content().getAs(results);
    }

    public final R results() {
        return results;
    }

    /** A handle of result capability {@code index} (null for -1, a null capability), for the caller to close. */
    protected final Capability cap(int index) {
        return response.cap(index);
    }

    /** A List(Interface) of the results as clients (null elements stay null), for the caller to close. */
    protected final <C> List<C> clients(PointerList.Reader<CapPointer.Slot> list, Function<Capability, C> client) {
        return CapabilityLists.read(list, response::cap, client);
    }

    /** The untyped response underneath. */
    public final Response untyped() {
        return response;
    }

    @Override
    public void close() {
        response.close();
    }
}

package org.btcmp.ipc.capnp.rpc.typed;

import java.util.List;
import java.util.function.Function;
import org.btcmp.ipc.capnp.rpc.CallContext;
import org.btcmp.ipc.capnp.rpc.CapPointer;
import org.btcmp.ipc.capnp.rpc.Capability;
import org.capnproto.FromPointerBuilder;
import org.capnproto.FromPointerReader;
import org.capnproto.PointerList;

/**
 * Base of a method's generated context, what a generated server method gets: the params (valid until
 * the call completes: when the method returns, or later if it defers), the results (a struct made on
 * first use), deferred completion and cancellation. Generated subclasses
 * add {@code getFoo()} per capability param (a client the method closes) and {@code setFoo(client)} per
 * capability result.
 *
 * @param <P> the params struct's reader
 * @param <R> the results struct's builder
 */
public abstract class TypedContext<P, R> {
    private final CallContext context;
    private final P params;
    private final FromPointerBuilder<R> resultsFactory;
    private R results;

    protected TypedContext(CallContext context, FromPointerReader<P> params, FromPointerBuilder<R> results) {
        this.context = context;
        this.params = context.params().getAs(params);
        this.resultsFactory = results;
    }

    public final P params() {
        return params;
    }

    /** The results, initialized on the first call. */
    public final R results() {
        if (results == null) {
            results = context.results().initAs(resultsFactory);
        }
        return results;
    }

    /** A handle of the params' capability {@code index} for the method to keep and close; null for -1. */
    public final Capability paramCap(int index) {
        return context.paramCap(index);
    }

    /** Adds {@code cap} (or null) to the results' cap table, returning its index; the caller keeps its handle. */
    public final int addResultCap(Capability cap) {
        return context.addResultCap(cap);
    }

    /** Adds the client's capability (or null) to the results' cap table; the caller keeps the client. */
    public final int addResultCap(TypedClient client) {
        return context.addResultCap(client == null ? null : client.capability());
    }

    /** A List(Interface) of the params as clients (null elements stay null), each for the method to close. */
    protected final <C> List<C> paramClients(PointerList.Reader<CapPointer.Slot> list, Function<Capability, C> client) {
        return CapabilityLists.read(list, context::paramCap, client);
    }

    /** Fills a List(Interface) of the results with the clients' capabilities; the caller keeps the clients. */
    protected final void setResultClients(PointerList.Builder<CapPointer.Slot> list, List<? extends TypedClient> clients) {
        CapabilityLists.write(list, clients, context::addResultCap);
    }

    /**
     * Leaves the call's completion to a later {@link #complete} or {@link #fail}, possibly from another
     * thread, after the method has returned (see {@link CallContext#defer}); params stay readable until then.
     */
    public final void defer() {
        context.defer();
    }

    /** Completes a deferred call with the results written so far (see {@link CallContext#complete}). */
    public final void complete() {
        context.complete();
    }

    /** Fails a deferred call as if the method had thrown {@code error} (see {@link CallContext#fail}). */
    public final void fail(Throwable error) {
        context.fail(error);
    }

    /** True once the caller has cancelled the call: the method may stop early. */
    public final boolean isCanceled() {
        return context.isCanceled();
    }

    /** The untyped context underneath. */
    public final CallContext untyped() {
        return context;
    }
}

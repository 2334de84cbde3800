package org.btcmp.ipc.capnp.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A {@link Server} in this process: calls run on a pool thread, their messages never serialized. Calls
 * made here start in the order they were made, as calls from one connection do ({@link CallSequence}).
 */
final class LocalTarget extends CapTarget {
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "capnp-local-call");
        thread.setDaemon(true);
        return thread;
    });

    final Server server;
    /** The order of the calls made in this process (each connection keeps its own). */
    private final CallSequence inProcess = new CallSequence(CALLS);

    LocalTarget(Server server) {
        this.server = server;
    }

    @Override
    RemotePromise send(Request request) {
        return send(request, inProcess::submit);
    }

    /** Dispatches {@code request} through {@code starter}, which decides when (and on which thread) it starts. */
    RemotePromise send(Request request, Consumer<Runnable> starter) {
        CallContext context = new CallContext(request.call.asReader().getParams().getContent(),
                new ArrayList<>(request.caps), null);
        request.caps.clear(); // handed over to the context
        PendingResults results = new PendingResults();
        retain();
        starter.accept(() -> context.run(call -> dispatch(request.interfaceId(), request.methodId(), call),
                failure -> complete(context, failure, results)));
        return new RemotePromise(results.future, results::pipeline, () -> {
        });
    }

    /** Hands the call's outcome to the caller, after letting go of the call's own holds. */
    private void complete(CallContext context, Throwable failure, PendingResults results) {
        Response response = null;
        RpcException error = null;
        if (failure == null) {
            List<Capability> caps = new ArrayList<>(context.resultCaps);
            context.resultCaps.clear();
            response = new Response(context.ret.asReader().getResults().getContent(), caps, null, () -> {
            });
        } else {
            context.releaseResultCaps();
            error = RpcException.fromServerFailure(failure);
        }
        // Let go of the call's holds before the caller hears back, so that what it sees afterwards
        // (e.g. the server released once its handle is closed) is settled.
        context.releaseParamCaps();
        release();
        results.complete(response, error);
    }

    boolean dispatchesWithoutBlocking(long interfaceId, short methodId) {
        return server.dispatchesWithoutBlocking(interfaceId, methodId);
    }

    void dispatch(long interfaceId, short methodId, CallContext context) throws Exception {
        server.dispatch(interfaceId, methodId, context);
    }

    @Override
    void dropped() {
        server.released();
    }
}

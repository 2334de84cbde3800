package org.btcmp.ipc.capnp.rpc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A capability inside results still on their way here (a local call's, or a call not made yet): calls
 * wait for the results, then go, in the order they were made, to the capability found at the path.
 */
final class PromisedTarget extends QueuedTarget {
    /**
     * Passes waiting calls on: the results may arrive on a thread holding a connection's lock (a Return
     * completes its question there), where calling out is not allowed.
     */
    private static final ExecutorService DRAINS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "capnp-promise-drain");
        thread.setDaemon(true);
        return thread;
    });

    PromisedTarget(CompletableFuture<Response> results, int[] path) {
        results.whenComplete((response, failure) -> {
            if (failure == null ? settleAt(response, path) : settle(null, cause(failure))) {
                DRAINS.execute(this::drain);
            }
        });
    }

    private boolean settleAt(Response response, int[] path) {
        Capability cap;
        try {
            cap = response.capAt(path);
        } catch (RuntimeException e) {
            return settle(null, e);
        }
        return settle(cap, null);
    }

    private static RuntimeException cause(Throwable failure) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        return cause instanceof RuntimeException r ? r : new RpcException(RpcException.Type.FAILED, cause.toString());
    }
}

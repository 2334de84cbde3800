package org.btcmp.ipc.capnp.rpc;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A capability inside results still on their way here (a local call's, or a call not made yet): calls
 * wait, then go, in the order they were made, to the capability found at the path. Its
 * {@link PendingResults} settles it before anyone else sees the results (who might close them).
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

    /** Settles to {@code cap} (a handle taken over) or {@code failure}; waiting calls are passed on elsewhere. */
    void settleLater(Capability cap, RuntimeException failure) {
        if (settle(cap, failure)) {
            DRAINS.execute(this::drain);
        }
    }

    /** Settles to the capability {@code response} holds at {@code path}. */
    void settleAt(Response response, int[] path) {
        Capability cap;
        try {
            cap = response.capAt(path);
        } catch (RuntimeException e) {
            settleLater(null, e);
            return;
        }
        settleLater(cap, null);
    }

    static RuntimeException cause(Throwable failure) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        return cause instanceof RuntimeException r ? r : new RpcException(RpcException.Type.FAILED, cause.toString());
    }
}

package org.btcmp.ipc.capnp.rpc;

import java.util.concurrent.CompletableFuture;

/**
 * Results of a call in this process, before they exist: capabilities pipelined from them take their
 * handles when the results arrive, before the results are handed to the caller (who may close them),
 * so no close can overtake a pipelined capability's take.
 */
final class PendingResults {
    final CompletableFuture<Response> future = new CompletableFuture<>();
    private final PipelineTakers takers = new PipelineTakers();

    /** The capability the results will hold at {@code path}. */
    CapTarget pipeline(int[] path) {
        return takers.pipeline(path);
    }

    /** The results ({@code error} null) or why there are none: settles the takers, then tells the caller. */
    void complete(Response results, RuntimeException error) {
        takers.arrived(error != null
                ? (target, path) -> target.settleLater(null, error)
                : (target, path) -> target.settleAt(results, path));
        if (error == null) {
            future.complete(results);
        } else {
            future.completeExceptionally(error);
        }
    }
}

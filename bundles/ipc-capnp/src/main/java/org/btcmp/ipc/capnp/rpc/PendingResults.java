package org.btcmp.ipc.capnp.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Results of a call in this process, before they exist: capabilities pipelined from them take their
 * handles when the results arrive, before the results are handed to the caller (who may close them),
 * so no close can overtake a pipelined capability's take.
 */
final class PendingResults {
    final CompletableFuture<Response> future = new CompletableFuture<>();
    private final List<Taker> takers = new ArrayList<>();
    private boolean arrived;
    private Response response;
    private RuntimeException failure;

    private record Taker(PromisedTarget target, int[] path) {
    }

    /** The capability the results will hold at {@code path}. */
    CapTarget pipeline(int[] path) {
        PromisedTarget target = new PromisedTarget();
        synchronized (this) {
            if (!arrived) {
                takers.add(new Taker(target, path));
                return target;
            }
        }
        take(target, path);
        return target;
    }

    /** The results ({@code failure} null) or why there are none: settles the takers, then tells the caller. */
    void complete(Response results, RuntimeException error) {
        List<Taker> waiting;
        synchronized (this) {
            response = results;
            failure = error;
            arrived = true;
            waiting = new ArrayList<>(takers);
            takers.clear();
        }
        for (Taker taker : waiting) {
            take(taker.target(), taker.path());
        }
        if (error == null) {
            future.complete(results);
        } else {
            future.completeExceptionally(error);
        }
    }

    private void take(PromisedTarget target, int[] path) {
        if (failure != null) {
            target.settleLater(null, failure);
        } else {
            target.settleAt(response, path);
        }
    }
}

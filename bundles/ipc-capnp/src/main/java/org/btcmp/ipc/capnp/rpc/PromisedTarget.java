package org.btcmp.ipc.capnp.rpc;

import java.util.concurrent.CompletableFuture;

/**
 * A capability inside results still on their way here (a local call's): calls wait for the results,
 * then go to the capability found at the path, in the order they were made.
 */
final class PromisedTarget extends CapTarget {
    private final CompletableFuture<Response> results;
    private final int[] path;

    PromisedTarget(CompletableFuture<Response> results, int[] path) {
        this.results = results;
        this.path = path;
    }

    @Override
    RemotePromise send(Request request) {
        CompletableFuture<RemotePromise> forwarded = results.handle((response, failure) -> {
            if (failure != null) {
                request.releaseCaps();
                return RemotePromise.failed(failure instanceof RuntimeException r ? r : new RpcException(
                        RpcException.Type.FAILED, failure.toString()));
            }
            Capability cap = response.capAt(path);
            if (cap == null) {
                request.releaseCaps();
                return RemotePromise.failed(new RpcException(RpcException.Type.FAILED, "called a null capability"));
            }
            try {
                return cap.target.send(request);
            } finally {
                cap.close();
            }
        });
        return RemotePromise.eventually(forwarded);
    }

    @Override
    void dropped() {
        // holds nothing: the results belong to their promise
    }
}

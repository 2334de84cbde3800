package org.btcmp.ipc.capnp.rpc;

/** A capability that can only fail: every call gets the stored exception. */
final class BrokenTarget extends CapTarget {
    private final RuntimeException failure;

    BrokenTarget(RuntimeException failure) {
        this.failure = failure;
    }

    RuntimeException failure() {
        return failure;
    }

    @Override
    RemotePromise send(Request request) {
        request.releaseCaps();
        return RemotePromise.failed(failure);
    }

    @Override
    void dropped() {
    }
}

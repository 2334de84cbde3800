package org.btcmp.ipc.capnp.rpc;

import java.util.concurrent.CompletableFuture;

/**
 * Finds the local object behind a capability: a capability that came back to the process that
 * exports it (e.g. a Context's thread, made here by makeThread) is the object itself, not a remote one.
 * A promise that has settled is seen through; one that has not can be waited for ({@link #whenSettled}).
 */
public final class LocalServers {
    private LocalServers() {
    }

    /**
     * What {@code cap} refers to, for identity comparison only: two handles of the same object (e.g. the
     * same import received in two calls) give the same object.
     */
    public static Object identity(Capability cap) {
        return QueuedTarget.seeThrough(cap.target);
    }

    /**
     * The {@link Server} {@code cap} calls directly, or null if it leads to another process, is a
     * promise not settled yet, or is null.
     */
    public static Server of(Capability cap) {
        return cap != null && QueuedTarget.seeThrough(cap.target) instanceof LocalTarget local ? local.server : null;
    }

    /**
     * Completes once {@code cap} is no longer a promise (at once for most capabilities; for a capability
     * in the results of a call the peer made to us, once that call has returned and the calls made on
     * it before have been passed on) with the {@link Server} it leads to, or null if that is not local.
     * Dependent actions may run on the connection's threads: they must not wait.
     */
    public static CompletableFuture<Server> whenSettled(Capability cap) {
        return QueuedTarget.whenFinallySettled(cap.target)
                .thenApply(target -> target instanceof LocalTarget local ? local.server : null);
    }
}

package org.btcmp.ipc.capnp.rpc;

/**
 * Finds the local object behind a capability: a capability that came back to the process that
 * exports it (e.g. a Context's thread, made here by makeThread) is the object itself, not a remote one.
 */
public final class LocalServers {
    private LocalServers() {
    }

    /**
     * What {@code cap} refers to, for identity comparison only: two handles of the same object (e.g. the
     * same import received in two calls) give the same object.
     */
    public static Object identity(Capability cap) {
        return cap.target;
    }

    /** The {@link Server} {@code cap} calls directly, or null if it leads to another process (or is null). */
    public static Server of(Capability cap) {
        return cap != null && cap.target instanceof LocalTarget local ? local.server : null;
    }
}

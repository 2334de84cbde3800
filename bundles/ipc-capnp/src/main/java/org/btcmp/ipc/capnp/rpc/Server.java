package org.btcmp.ipc.capnp.rpc;

/**
 * A local object that answers calls. A method reads its params from the context and writes results
 * into it; throwing fails the call (the caller sees the Java type name and message). Generated
 * server bases implement this.
 *
 * <p>Calls that reach an object over one connection start in the order they arrived: the next call's
 * dispatch begins once the previous one's has returned (a method that {@link CallContext#defer defers}
 * returns at once) or is waiting in {@link RemotePromise#join} for an answer. Calls from different
 * connections or to different objects run concurrently, on different threads.
 */
@FunctionalInterface
public interface Server {

    /**
     * Answers one call: the call completes when this returns or throws, unless it called
     * {@link CallContext#defer}, which leaves completion to a later {@link CallContext#complete} or
     * {@link CallContext#fail} (e.g. from another thread).
     *
     * @throws RpcException of type UNIMPLEMENTED for an unknown interface or method
     */
    void dispatch(long interfaceId, short methodId, CallContext context) throws Exception;

    /**
     * True if this method's dispatch never waits: it answers at once, or {@link CallContext#defer defers}
     * and returns. Such calls may run on the thread that read them from the connection, which saves
     * two thread hand-offs per call; a method that waits for an answer there anyway fails with an
     * {@link IllegalStateException} instead of blocking the connection. False unless overridden.
     */
    default boolean dispatchesWithoutBlocking(long interfaceId, short methodId) {
        return false;
    }

    /** No handle and no peer refers to this object any more. */
    default void released() {
    }

    static RpcException unimplemented(long interfaceId, short methodId) {
        return new RpcException(RpcException.Type.UNIMPLEMENTED,
                "method " + methodId + " of interface 0x" + Long.toHexString(interfaceId) + " is not implemented");
    }
}

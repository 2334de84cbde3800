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

    /** No handle and no peer refers to this object any more. */
    default void released() {
    }

    static RpcException unimplemented(long interfaceId, short methodId) {
        return new RpcException(RpcException.Type.UNIMPLEMENTED,
                "method " + methodId + " of interface 0x" + Long.toHexString(interfaceId) + " is not implemented");
    }
}

package org.btcmp.ipc.capnp.rpc;

/**
 * What a {@link Capability} handle points at: a local {@link Server}, an import from a connection, a
 * promised answer's capability, a promise still being resolved here, or a broken reference. Counts
 * the handles (and table entries) that hold it; when the last lets go, {@link #dropped} frees it
 * (e.g. sends Release). The C++ library's ClientHook.
 */
abstract class CapTarget {
    private int holders;

    /** Sends (or dispatches) a built request; the request's message is this target's from now on. */
    abstract RemotePromise send(Request request);

    /** The last holder has let go. */
    abstract void dropped();

    final void retain() {
        synchronized (this) {
            holders++;
        }
    }

    final int holders() {
        synchronized (this) {
            return holders;
        }
    }

    final void release() {
        boolean last;
        synchronized (this) {
            if (holders <= 0) {
                throw new IllegalStateException("capability released more often than retained");
            }
            last = --holders == 0;
        }
        if (last) {
            dropped();
        }
    }
}

package org.btcmp.ipc.capnp.rpc;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A reference to an object that may live in another process: calls go through {@link #newCall}.
 * Each handle is owned by whoever got it and closed once; closing the last handle to a remote object
 * sends Release, and a handle nobody closed is released when it is garbage-collected. {@link #duplicate}
 * gives an independent second handle. Generated clients wrap one of these.
 */
public final class Capability implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread thread = new Thread(runnable, "capnp-capability-cleaner");
        thread.setDaemon(true);
        return thread;
    });

    final CapTarget target;
    private final Cleaner.Cleanable cleanable;

    Capability(CapTarget target) {
        this.target = target;
        target.retain();
        this.cleanable = CLEANER.register(this, new Releaser(target));
    }

    /** A local object as a capability; {@link Server#released} runs when no handle or peer holds it any more. */
    public static Capability of(Server server) {
        return new Capability(new LocalTarget(server));
    }

    /** Starts a call of method {@code methodId} of interface {@code interfaceId}. */
    public Request newCall(long interfaceId, int methodId) {
        return new Request(target, interfaceId, (short) methodId);
    }

    /** Another handle to the same object, closed separately. */
    public Capability duplicate() {
        return new Capability(target);
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    /** Releases exactly once, whether from close() or the cleaner; holds no reference to the handle. */
    private static final class Releaser implements Runnable {
        private final CapTarget target;
        private final AtomicBoolean done = new AtomicBoolean();

        Releaser(CapTarget target) {
            this.target = target;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                target.release();
            }
        }
    }
}

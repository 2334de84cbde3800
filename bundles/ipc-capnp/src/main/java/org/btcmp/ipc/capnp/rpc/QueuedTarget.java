package org.btcmp.ipc.capnp.rpc;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * A capability not known yet (a promise): calls made meanwhile wait here, in the order they were
 * made, and go to what it settles to once it does, or fail with why it broke. Calls made while the
 * waiting ones are still being passed on queue behind them, so the order holds (E-order).
 *
 * <p>Settling only records the outcome; the owner then lets {@link #drain} pass the waiting calls on,
 * from a thread that holds no connection's lock (passing a call on may call another connection).
 */
abstract class QueuedTarget extends CapTarget {
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private final CompletableFuture<CapTarget> settledFuture = new CompletableFuture<>();
    /** The handle this promise holds of what it settled to (null: none, or a failure). */
    private Capability resolution;
    /** Where calls go once settled: the resolution's target, or a broken target. */
    private CapTarget settled;
    private boolean draining;
    private boolean droppedAll;

    private record Waiting(Request request, CompletableFuture<RemotePromise> later) {
    }

    @Override
    final RemotePromise send(Request request) {
        CapTarget target;
        synchronized (this) {
            if (settled == null || draining) {
                CompletableFuture<RemotePromise> later = new CompletableFuture<>();
                waiting.add(new Waiting(request, later));
                return RemotePromise.eventually(later);
            }
            target = settled;
        }
        return target.send(request);
    }

    /**
     * Settles this promise to {@code cap} (a handle it takes over; null for a null capability), or to
     * {@code failure} if that is not null. True the first time: calls made from now on wait until the
     * caller has run {@link #drain}, which it must do next, holding no connection's lock. A second
     * settle is ignored (false).
     */
    final boolean settle(Capability cap, RuntimeException failure) {
        Capability unused;
        boolean first;
        synchronized (this) {
            first = settled == null;
            if (!first) {
                unused = cap;
            } else {
                resolution = failure == null ? cap : null;
                unused = failure == null ? null : cap;
                settled = failure != null ? new BrokenTarget(failure)
                        : cap == null ? new BrokenTarget(new RpcException(RpcException.Type.FAILED,
                                "the promise resolved to a null capability"))
                        : cap.target;
                draining = true;
            }
        }
        if (unused != null) {
            unused.close();
        }
        return first;
    }

    /** Passes the waiting calls on, in order, until none is left; then the promise forwards directly. */
    final void drain() {
        while (true) {
            Waiting next;
            CapTarget target;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    draining = false;
                    break;
                }
                target = settled;
            }
            RemotePromise promise;
            try {
                promise = target.send(next.request());
            } catch (RuntimeException e) {
                next.request().releaseCaps();
                promise = RemotePromise.failed(e);
            }
            next.later().complete(promise);
        }
        finishDraining();
    }

    private void finishDraining() {
        Capability toClose = null;
        CapTarget target;
        synchronized (this) {
            if (droppedAll && !draining) {
                toClose = resolution;
                resolution = null;
            }
            target = settled;
        }
        if (toClose != null) {
            toClose.close();
        }
        if (target != null) {
            settledFuture.complete(target);
        }
    }

    /** What this promise settled to (a broken target if it failed); null while it has not. */
    final synchronized CapTarget settledTarget() {
        return settled;
    }

    /** Completes with what this promise settles to, once calls made before then have been passed on. */
    final CompletableFuture<CapTarget> whenSettled() {
        return settledFuture;
    }

    @Override
    void dropped() {
        Capability toClose = null;
        synchronized (this) {
            droppedAll = true;
            if (settled != null && !draining) {
                toClose = resolution;
                resolution = null;
            }
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    /** {@code target}, or what it settled to if it is a settled promise (followed through chains). */
    static CapTarget seeThrough(CapTarget target) {
        CapTarget current = target;
        while (current instanceof QueuedTarget queued) {
            CapTarget next = queued.settledTarget();
            if (next == null) {
                return current;
            }
            current = next;
        }
        return current;
    }

    /** Completes with what {@code target} finally settles to (at once if it is no promise). */
    static CompletableFuture<CapTarget> whenFinallySettled(CapTarget target) {
        if (target instanceof QueuedTarget queued) {
            return queued.whenSettled().thenCompose(QueuedTarget::whenFinallySettled);
        }
        return CompletableFuture.completedFuture(target);
    }
}

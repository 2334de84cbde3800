package org.btcmp.ipc.capnp.proxy;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.btcmp.ipc.IpcException;

/**
 * The work queue of one Java thread: calls addressed to that thread (its own server thread's calls,
 * or callbacks while it waits for a reply) are posted here and run by the thread itself, so nested
 * callbacks, thread-locals and re-entrant locks behave as in one process.
 *
 * <p>The thread parks and is unparked directly (no lock, no condition): a post, or the answer it
 * waits for, wakes it with one unpark, and a wake-up never waits for a lock the waker may hold. A
 * permit left by an unpark that came before the park makes the park return at once, so no wake-up is
 * lost; the thread re-checks its queue and its answer after every park.
 */
final class Mailbox {
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    /** The thread that serves this mailbox; null until it first serves or waits. */
    private volatile Thread owner;
    private volatile boolean stopped;

    /** A mailbox of the calling thread. */
    static Mailbox ofCurrentThread() {
        Mailbox mailbox = new Mailbox();
        mailbox.owner = Thread.currentThread();
        return mailbox;
    }

    /** Queues {@code task}; false if the thread has stopped serving (the task will never run). */
    boolean post(Runnable task) {
        if (stopped) {
            return false;
        }
        queue.add(task);
        // Stopped meanwhile: serve() drains (and abandons) what it finds; a task added after that is
        // taken back here, so each is either run, abandoned by serve(), or refused to the caller.
        if (stopped && queue.remove(task)) {
            return false;
        }
        LockSupport.unpark(owner);
        return true;
    }

    /** Ends {@link #serve} once the task running now (if any) is done. */
    void stop() {
        queue.add(() -> stopped = true);
        LockSupport.unpark(owner);
    }

    /** Runs posted tasks until {@link #stop}; then fails whatever is still queued. */
    void serve() {
        owner = Thread.currentThread();
        while (!stopped) {
            Runnable task = queue.poll();
            if (task != null) {
                task.run();
            } else {
                park();
            }
        }
        Runnable left;
        while ((left = queue.poll()) != null) {
            if (left instanceof Call call) {
                call.abandon();
            }
        }
    }

    /** Runs posted tasks (callbacks addressed to this thread) until {@code future} is done. */
    void await(CompletableFuture<?> future) {
        if (future.isDone()) {
            return;
        }
        Thread self = Thread.currentThread();
        owner = self;
        future.whenComplete((r, e) -> LockSupport.unpark(self));
        while (!future.isDone()) {
            Runnable task = queue.poll();
            if (task != null) {
                task.run();
            } else {
                park();
            }
        }
    }

    private void park() {
        LockSupport.park(this);
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new IpcException("interrupted while waiting for an answer");
        }
    }

    /** A posted call that must be answered even if the thread stops before running it. */
    interface Call extends Runnable {
        void abandon();
    }
}

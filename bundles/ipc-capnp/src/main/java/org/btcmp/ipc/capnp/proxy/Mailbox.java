package org.btcmp.ipc.capnp.proxy;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.btcmp.ipc.IpcException;

/**
 * The work queue of one Java thread: calls addressed to that thread (its own server thread's calls,
 * or callbacks while it waits for a reply) are posted here and run by the thread itself, so nested
 * callbacks, thread-locals and re-entrant locks behave as in one process.
 */
final class Mailbox {
    private static final Runnable WAKE = () -> {
    };
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private volatile boolean stopped;

    /** Queues {@code task}; false if the thread has stopped serving (the task will never run). */
    boolean post(Runnable task) {
        if (stopped) {
            return false;
        }
        queue.add(task);
        return true;
    }

    /** Ends {@link #serve} once the task running now (if any) is done. */
    void stop() {
        queue.add(() -> stopped = true);
    }

    /** Runs posted tasks until {@link #stop}; then fails whatever is still queued. */
    void serve() {
        while (!stopped) {
            runNext();
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
        future.whenComplete((r, e) -> queue.add(WAKE));
        while (!future.isDone()) {
            runNext();
        }
    }

    private void runNext() {
        Runnable task;
        try {
            task = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpcException("interrupted while waiting for an answer", e);
        }
        task.run();
    }

    /** A posted call that must be answered even if the thread stops before running it. */
    interface Call extends Runnable {
        void abandon();
    }
}

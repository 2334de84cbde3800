package org.btcmp.ipc.capnp.rpc;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Starts the calls to one object, from one connection, in the order they arrived: one at a time, each
 * once the previous one's dispatch has returned (a deferred call returns at once and completes later)
 * or has blocked waiting for an answer ({@link RemotePromise#join}), which lets the next call in as
 * Cap'n Proto's event loop would. The latter also keeps a method that calls out and is called back on
 * the same object from deadlocking. Calls to different objects, and completions, stay concurrent.
 */
final class CallSequence {
    private static final ThreadLocal<Turn> CURRENT = new ThreadLocal<>();

    private final Executor pool;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    /** True while some thread is starting this sequence's calls (or is about to). */
    private boolean driving;

    CallSequence(Executor pool) {
        this.pool = pool;
    }

    /** Queues {@code call} behind the calls queued before; it runs on a pool thread. */
    void submit(Runnable call) {
        synchronized (this) {
            waiting.add(call);
            if (driving) {
                return;
            }
            driving = true;
        }
        submitDrive();
    }

    private void submitDrive() {
        try {
            pool.execute(this::drive);
        } catch (RejectedExecutionException closed) {
            drive(); // the connection is gone: the calls only find out they were cancelled
        }
    }

    /**
     * Reserves the sequence for a call the current thread will run itself ({@link #runReserved}):
     * only if no call is running or waiting, so the order holds.
     */
    synchronized boolean reserveInline() {
        if (driving) {
            return false;
        }
        driving = true;
        return true;
    }

    /** Runs {@code call} on this thread after {@link #reserveInline}; calls queued meanwhile go to the pool. */
    void runReserved(Runnable call) {
        Turn turn = new Turn(this);
        turn.inline = true;
        Turn outer = CURRENT.get();
        CURRENT.set(turn);
        try {
            call.run();
        } finally {
            CURRENT.set(outer);
            synchronized (this) {
                if (waiting.isEmpty()) {
                    driving = false;
                    return;
                }
            }
            submitDrive();
        }
    }

    /**
     * Called by a thread about to block for an answer: if it is running a sequenced call, the next
     * calls of that sequence go on on another thread meanwhile.
     */
    static void yieldTurn() {
        Turn turn = CURRENT.get();
        if (turn != null && turn.inline) {
            throw new IllegalStateException("a method that said it dispatches without blocking waited for an "
                    + "answer on the thread that reads its connection");
        }
        if (turn != null && !turn.yielded) {
            try {
                turn.sequence.pool.execute(turn.sequence::drive);
                turn.yielded = true;
            } catch (RejectedExecutionException closed) {
                // the connection is gone: the wait ends at once, and this thread carries on
            }
        }
    }

    private void drive() {
        Turn turn = new Turn(this);
        while (true) {
            Runnable next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    driving = false;
                    return;
                }
            }
            Turn outer = CURRENT.get();
            CURRENT.set(turn);
            boolean ranNormally = false;
            try {
                next.run();
                ranNormally = true;
            } finally {
                CURRENT.set(outer);
                if (!ranNormally && !turn.yielded) {
                    submitDrive(); // the later calls must not wait forever for this thread
                }
            }
            if (turn.yielded) {
                return; // another thread took over while this call waited
            }
        }
    }

    /** One thread's stretch of starting calls; yielded once it handed the sequence on. */
    private static final class Turn {
        final CallSequence sequence;
        boolean yielded;
        /** Run by the thread that read the call, which must not wait. */
        boolean inline;

        Turn(CallSequence sequence) {
            this.sequence = sequence;
        }
    }
}

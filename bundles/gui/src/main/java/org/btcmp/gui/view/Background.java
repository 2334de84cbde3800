package org.btcmp.gui.view;

import java.lang.System.Logger.Level;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;
import org.btcmp.ipc.IpcException;

/**
 * Runs every Node/Wallet call off the Swing event thread and hands the result back on it. Keeps a
 * count of calls in flight (the status bar's progress indicator) and reports transport failures
 * (IpcException) as a lost connection, so no screen has to. Every other failure, Errors included,
 * is logged and reaches the person: through the caller's own failure handler, or else as a problem
 * the status bar shows; a worker never dies silently and a call never stays "in flight" for ever.
 */
final class Background implements AutoCloseable {
    private final ExecutorService pool;
    private final System.Logger log;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger(); // the calls in flight someone asked for
    private final java.util.concurrent.atomic.AtomicBoolean busyPosted = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Consumer<Integer> busyListener = n -> { };
    private volatile Consumer<Boolean> connectionListener = up -> { };
    private volatile BiConsumer<String, String> problemListener = (what, message) -> { };
    private boolean connected = true; // event thread only

    Background() {
        this(System.getLogger(Background.class.getName()));
    }

    Background(System.Logger log) {
        this.log = log;
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "gui-ipc-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Told (on the event thread) how many calls someone asked for are in flight whenever that changes. */
    void onBusyChanged(Consumer<Integer> listener) {
        busyListener = listener;
    }

    /** Told (on the event thread) false when a call fails on the transport, true when one succeeds again. */
    void onConnectionChanged(Consumer<Boolean> listener) {
        connectionListener = listener;
    }

    /**
     * Told (on the event thread) of a failure nobody else shows: the work's description and a message for
     * the person; then (what, null) once that kind of work succeeds again.
     */
    void onProblem(BiConsumer<String, String> listener) {
        problemListener = listener;
    }

    /**
     * Calls {@code call} (described by {@code what}, e.g. "Loading the balances") on a worker thread; then
     * {@code done} or {@code failed} on the event thread. A handler that throws is reported as a problem.
     */
    <T> void run(String what, Callable<T> call, Consumer<T> done, Consumer<Throwable> failed) {
        submit(true, what, call, done, failed);
    }

    /**
     * As {@link #run(String, Callable, Consumer, Consumer)} for work nobody asked for (the refreshes that
     * notifications cause): it does not count as busy, so a block storm does not keep the progress bar animating.
     */
    <T> void runUnseen(String what, Callable<T> call, Consumer<T> done, Consumer<Throwable> failed) {
        submit(false, what, call, done, failed);
    }

    private <T> void submit(boolean seen, String what, Callable<T> call, Consumer<T> done, Consumer<Throwable> failed) {
        if (pool.isShutdown()) {
            return; // the GUI is closed: a late notification has nothing left to update
        }
        inFlight.incrementAndGet();
        if (seen) {
            busy.incrementAndGet();
            postBusy();
        }
        try {
            pool.execute(() -> work(seen, what, call, done, failed));
        } catch (RejectedExecutionException closedMeanwhile) {
            inFlight.decrementAndGet();
            if (seen) {
                busy.decrementAndGet();
            }
        }
    }

    /** As {@link #run(String, Callable, Consumer, Consumer)}; a failure becomes a problem the status bar shows. */
    <T> void run(String what, Callable<T> call, Consumer<T> done) {
        run(what, call, done, null);
    }

    private <T> void work(boolean seen, String what, Callable<T> call, Consumer<T> done, Consumer<Throwable> failed) {
        T result = null;
        Throwable error = null;
        try {
            result = call.call();
        } catch (Throwable e) { // Errors too: otherwise the pool loses the thread and the caller waits for ever
            error = e;
        }
        T r = result;
        Throwable e = error;
        inFlight.decrementAndGet();
        if (seen) {
            busy.decrementAndGet();
        }
        SwingUtilities.invokeLater(() -> deliver(seen, what, r, e, done, failed));
    }

    /** Tells the busy listener the count now: at once on the event thread, else one posted event for any number of calls. */
    private void postBusy() {
        if (SwingUtilities.isEventDispatchThread()) {
            busyListener.accept(busy.get());
        } else if (!busyPosted.getAndSet(true)) {
            SwingUtilities.invokeLater(() -> {
                busyPosted.set(false);
                busyListener.accept(busy.get());
            });
        }
    }

    private <T> void deliver(boolean seen, String what, T result, Throwable error, Consumer<T> done,
            Consumer<Throwable> failed) {
        if (seen) {
            busyListener.accept(busy.get());
        }
        boolean up = !(error instanceof IpcException);
        if (up != connected) {
            connected = up;
            if (!up) {
                log.log(Level.WARNING, what + ": the node is unreachable: " + Ui.reason(error));
            }
            connectionListener.accept(up);
        }
        try {
            if (error == null) {
                problemListener.accept(what, null);
                done.accept(result);
            } else if (up) {
                log.log(Level.WARNING, what + " failed", error);
                if (failed != null) {
                    failed.accept(error);
                } else {
                    problem(what, error);
                }
            } else if (failed != null) {
                failed.accept(error);
            }
        } catch (RuntimeException | Error handlerFailed) {
            log.log(Level.ERROR, what + ": showing the result failed", handlerFailed);
            problemListener.accept(what, what + " failed: " + Ui.reason(handlerFailed));
        }
    }

    /** Shows {@code error} as the problem of {@code what} (on the event thread; a lost node shows as disconnected). */
    void problem(String what, Throwable error) {
        if (!(error instanceof IpcException)) {
            problemListener.accept(what, what + " failed: " + Ui.reason(error));
        }
    }

    /** Calls in flight now. */
    int inFlight() {
        return inFlight.get();
    }

    static void onEdt(Runnable r) {
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
        } else {
            SwingUtilities.invokeLater(r);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.btcmp.gui.view;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;
import org.btcmp.ipc.IpcException;

/**
 * Runs every Node/Wallet call off the Swing event thread and hands the result back on it. Keeps a
 * count of calls in flight (the status bar's progress indicator) and reports transport failures
 * (IpcException) as a lost connection, so no screen has to.
 */
final class Background implements AutoCloseable {
    private final ExecutorService pool;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Consumer<Integer> busyListener = n -> { };
    private volatile Consumer<Boolean> connectionListener = up -> { };
    private boolean connected = true; // event thread only

    Background() {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "gui-ipc-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Told (on the event thread) how many calls are in flight whenever that changes. */
    void onBusyChanged(Consumer<Integer> listener) {
        busyListener = listener;
    }

    /** Told (on the event thread) false when a call fails on the transport, true when one succeeds again. */
    void onConnectionChanged(Consumer<Boolean> listener) {
        connectionListener = listener;
    }

    /** Calls {@code call} on a worker thread; then {@code done} or {@code failed} on the event thread. */
    <T> void run(Callable<T> call, Consumer<T> done, Consumer<Exception> failed) {
        if (pool.isShutdown()) {
            return; // the GUI is closed: a late notification has nothing left to update
        }
        int now = inFlight.incrementAndGet();
        onEdt(() -> busyListener.accept(now));
        try {
            pool.execute(() -> work(call, done, failed));
        } catch (RejectedExecutionException closedMeanwhile) {
            inFlight.decrementAndGet();
        }
    }

    private <T> void work(Callable<T> call, Consumer<T> done, Consumer<Exception> failed) {
        T result = null;
        Exception error = null;
        try {
            result = call.call();
        } catch (Exception e) {
            error = e;
        }
        T r = result;
        Exception e = error;
        int left = inFlight.decrementAndGet();
        SwingUtilities.invokeLater(() -> {
            busyListener.accept(left);
            boolean up = !(e instanceof IpcException);
            if (up != connected) {
                connected = up;
                connectionListener.accept(up);
            }
            if (e == null) {
                done.accept(r);
            } else {
                failed.accept(e);
            }
        });
    }

    /** As {@link #run}, with failures only reported as a lost connection (if they are one). */
    <T> void run(Callable<T> call, Consumer<T> done) {
        run(call, done, e -> { });
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

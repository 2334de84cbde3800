package org.btcmp.node.chain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Core's scheduled FlushFeeEstimates: while the node runs, fee_estimates.dat is rewritten every
 * {@link #INTERVAL}, so a crash loses at most that much estimator history.
 */
public final class FeeEstimatesFlusher implements AutoCloseable {
    /** Core's FEE_FLUSH_INTERVAL. */
    public static final Duration INTERVAL = Duration.ofHours(1);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fee-estimates-flush");
        t.setDaemon(true);
        return t;
    });

    /** Starts flushing {@code estimator} to {@code file} every {@code interval}, each outcome going to {@code log}. */
    public FeeEstimatesFlusher(FeeEstimator estimator, Path file, Duration interval, Consumer<String> log) {
        long ms = interval.toMillis();
        timer.scheduleWithFixedDelay(() -> log.accept(FeeEstimatesFile.write(estimator, file)), ms, ms,
                TimeUnit.MILLISECONDS);
    }

    /** Stops flushing; a flush under way finishes first, so the shutdown flush never races it. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.btcmp.primitives.Hash256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The periodic fee_estimates.dat flush (Core's FEE_FLUSH_INTERVAL), here with a short interval. */
class FeeEstimatesFlusherTest {
    private static Hash256 id(int n) {
        byte[] b = new byte[32];
        ByteBuffer.wrap(b).putInt(n);
        return Hash256.wrap(b);
    }

    /** Some history, and one transaction that has waited two blocks and is still in the mempool. */
    private static FeeEstimator estimatorWithAWaitingTransaction() {
        FeeEstimator est = new FeeEstimator();
        int n = 0;
        for (int h = 1; h <= 30; h++) {
            List<FeeEstimator.Confirmed> block = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Hash256 txid = id(++n);
                est.transactionAdded(txid, h - 1, 5000, 1000, true);
                block.add(new FeeEstimator.Confirmed(txid, 5000, 1000));
            }
            est.blockConnected(h, block);
        }
        est.transactionAdded(id(++n), 30, 2000, 1000, true);
        est.blockConnected(31, List.of());
        est.blockConnected(32, List.of());
        return est;
    }

    private static void waitFor(Path file) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!Files.exists(file) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertTrue(Files.exists(file), "flushed within 20 s");
    }

    @Test
    void theFileIsRewrittenWhileRunningWithoutCountingWaitingTransactionsAsFailed(@TempDir Path dir)
            throws Exception {
        FeeEstimator est = estimatorWithAWaitingTransaction();
        byte[] state = est.serialize();
        Path file = dir.resolve("fee_estimates.dat");
        List<String> log = new CopyOnWriteArrayList<>();
        try (FeeEstimatesFlusher flusher = new FeeEstimatesFlusher(est, file, Duration.ofMillis(50), log::add)) {
            waitFor(file);
            Files.delete(file);
            waitFor(file);
        }
        assertArrayEquals(state, Files.readAllBytes(file), "the state as it was");
        assertArrayEquals(state, est.serialize(), "the waiting transaction is still tracked, not failed");
        assertTrue(log.size() >= 2);
        assertEquals("Flushed fee estimates to fee_estimates.dat.", log.get(0));

        FeeEstimatesFile.flush(est, file);
        assertFalse(java.util.Arrays.equals(state, Files.readAllBytes(file)),
                "the shutdown flush, by contrast, counts what still waits (so the comparison above can fail)");
    }

    @Test
    void closingStopsTheFlushes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fee_estimates.dat");
        FeeEstimatesFlusher flusher = new FeeEstimatesFlusher(new FeeEstimator(), file, Duration.ofMillis(20),
                line -> { });
        waitFor(file);
        flusher.close();
        Files.delete(file);
        Thread.sleep(200);
        assertFalse(Files.exists(file));
    }

    @Test
    void theIntervalIsCoresHour() {
        assertEquals(Duration.ofHours(1), FeeEstimatesFlusher.INTERVAL);
    }
}

package org.btcmp.wallet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Reading blocks ahead of their processing: order, failures where the caller asks, early stops, no leftover thread. */
class BlockLookaheadTest {
    private static final Duration NO_HANG = Duration.ofSeconds(30);

    /** A read that records which threads ran it and how often. */
    private static final class Recording implements IntFunction<String> {
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger calls = new AtomicInteger();
        private final IntFunction<String> body;

        Recording(IntFunction<String> body) {
            this.body = body;
        }

        @Override
        public String apply(int height) {
            threads.add(Thread.currentThread());
            calls.incrementAndGet();
            return body.apply(height);
        }

        void assertAllEnded() {
            for (Thread t : threads) {
                assertFalse(t.isAlive(), t.getName() + " is still running");
            }
        }
    }

    @Test
    void handsOutEveryHeightOnceInOrderFromAnotherThread() {
        Recording read = new Recording(h -> "block " + h);
        List<String> got = new ArrayList<>();
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (BlockLookahead<String> blocks = new BlockLookahead<>(7, 506, 4, read)) {
                while (blocks.hasNext()) {
                    got.add(blocks.next());
                }
                assertThrows(NoSuchElementException.class, blocks::next);
            }
        });
        assertEquals(500, got.size());
        for (int i = 0; i < got.size(); i++) {
            assertEquals("block " + (7 + i), got.get(i));
        }
        assertEquals(500, read.calls.get());
        assertEquals(1, read.threads.size());
        assertFalse(read.threads.contains(Thread.currentThread()));
        read.assertAllEnded();
    }

    @Test
    void aFailedReadIsThrownByTheCallForItsHeightAfterTheBlocksBeforeIt() {
        IllegalStateException failure = new IllegalStateException("The node has no data for block x at height 5");
        Recording read = new Recording(h -> {
            if (h == 5) {
                throw failure;
            }
            return "block " + h;
        });
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (BlockLookahead<String> blocks = new BlockLookahead<>(0, 20, 3, read)) {
                for (int h = 0; h < 5; h++) {
                    assertEquals("block " + h, blocks.next());
                }
                assertSame(failure, assertThrows(IllegalStateException.class, blocks::next));
                assertFalse(blocks.hasNext());
            }
        });
        assertEquals(6, read.calls.get()); // nothing is read after the failure
        read.assertAllEnded();
    }

    @Test
    void anErrorFromTheReadReachesTheCallerAsItself() {
        StackOverflowError error = new StackOverflowError("deep");
        Recording read = new Recording(h -> {
            throw error;
        });
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (BlockLookahead<String> blocks = new BlockLookahead<>(0, 3, 2, read)) {
                assertSame(error, assertThrows(StackOverflowError.class, blocks::next));
            }
        });
        read.assertAllEnded();
    }

    @Test
    void closingEarlyStopsTheReaderAndDropsWhatItReadAhead() {
        Recording read = new Recording(h -> {
            if (h == 3) {
                throw new IllegalStateException("never seen: the caller stopped before height 3");
            }
            return "block " + h;
        });
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (BlockLookahead<String> blocks = new BlockLookahead<>(0, 1_000_000, 2, read)) {
                assertEquals("block 0", blocks.next());
                assertEquals("block 1", blocks.next());
            } // the caller saw a reorg, say, and stops: no exception from height 3's read
        });
        assertTrue(read.calls.get() <= 4, read.calls.get() + " reads for 2 blocks with depth 2");
        read.assertAllEnded();
    }

    @Test
    void closeWaitsForARunningReadToFinish() throws Exception {
        CountDownLatch inRead = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recording read = new Recording(h -> {
            if (h == 1) {
                inRead.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new AssertionError("the reader must not be interrupted", e);
                }
            }
            return "block " + h;
        });
        BlockLookahead<String> blocks = new BlockLookahead<>(0, 10, 4, read);
        assertEquals("block 0", blocks.next());
        assertTrue(inRead.await(30, TimeUnit.SECONDS));
        Thread closer = new Thread(blocks::close, "closer");
        closer.start();
        closer.join(200);
        assertTrue(closer.isAlive(), "close returned while the reader was still in a read");
        release.countDown();
        closer.join(NO_HANG.toMillis());
        assertFalse(closer.isAlive(), "close did not return after the read finished");
        assertFalse(blocks.hasNext());
        read.assertAllEnded();
        assertEquals(2, read.calls.get());
    }

    @Test
    void depthZeroReadsInTheCallersThreadWhenAsked() {
        Recording read = new Recording(h -> "block " + h);
        try (BlockLookahead<String> blocks = new BlockLookahead<>(2, 4, 0, read)) {
            assertEquals(0, read.calls.get());
            assertEquals("block 2", blocks.next());
            assertEquals(1, read.calls.get());
            assertEquals("block 3", blocks.next());
            assertEquals("block 4", blocks.next());
            assertFalse(blocks.hasNext());
        }
        assertEquals(Set.of(Thread.currentThread()), read.threads);
    }

    @Test
    void anEmptyRangeReadsNothing() {
        Recording read = new Recording(h -> "block " + h);
        try (BlockLookahead<String> blocks = new BlockLookahead<>(5, 4, 4, read)) {
            assertFalse(blocks.hasNext());
            assertThrows(NoSuchElementException.class, blocks::next);
        }
        assertEquals(0, read.calls.get());
    }

    @Test
    void aNegativeDepthIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BlockLookahead<String>(0, 1, -1, h -> "x"));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void aNullReadIsAFailureNamingTheHeight() {
        Recording read = new Recording(h -> h == 1 ? null : "block " + h);
        try (BlockLookahead<String> blocks = new BlockLookahead<>(0, 3, 2, read)) {
            assertEquals("block 0", blocks.next());
            IllegalStateException e = assertThrows(IllegalStateException.class, blocks::next);
            assertTrue(e.getMessage().contains("height 1"), e.getMessage());
        }
        read.assertAllEnded();
    }
}

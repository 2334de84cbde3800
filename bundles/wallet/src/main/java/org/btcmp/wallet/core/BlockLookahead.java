package org.btcmp.wallet.core;

import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntFunction;

/**
 * Reads the blocks of a height range on its own thread, a few ahead of the thread that processes
 * them, so that over IPC the node's round trips overlap the wallet's work instead of adding to it.
 * {@link #next()} hands the heights' results out in order; a failure to read one is thrown there, by
 * the call that would have returned it, exactly as reading in the caller's thread would have thrown it.
 *
 * <p>{@link #close()} (after the last block, or early on a reorg or a failure) stops the reader and
 * waits for it to end, so no thread outlives the scan. The reader is never interrupted: an interrupt
 * during a socket call could close the node connection itself. Instead closing empties the queue, which
 * lets the reader finish its current read, hand it in, see the stop and end.
 *
 * <p>With depth 0 there is no reader: {@link #next()} reads in the calling thread. A scan run by a
 * node notification needs that: in-process the node delivers notifications holding its chain lock,
 * which a reader thread's calls would wait for while the notified thread waits for the reader.
 */
final class BlockLookahead<T> implements AutoCloseable {
    /** How many blocks the reader may be ahead of the processing thread. */
    static final int DEFAULT_DEPTH = 4;

    /** A read that threw, queued in its height's place. */
    private record Failure(Throwable cause) {
    }

    private final BlockingQueue<Object> ready;
    private final Thread reader;
    private volatile boolean stopped;
    private int nextHeight;
    private final int lastHeight;
    private final IntFunction<? extends T> read;
    private final boolean inline;

    /**
     * Starts reading heights {@code from} to {@code to} (inclusive; none when {@code to < from}), at
     * most {@code depth} ahead (0: each in {@link #next()}'s thread, when asked for).
     */
    BlockLookahead(int from, int to, int depth, IntFunction<? extends T> read) {
        if (depth < 0) {
            throw new IllegalArgumentException("lookahead depth " + depth + " is negative");
        }
        this.read = read;
        this.inline = depth == 0;
        this.ready = new ArrayBlockingQueue<>(Math.max(depth, 1));
        this.nextHeight = from;
        this.lastHeight = to;
        this.reader = new Thread(() -> readAll(from, to, read), "wallet-block-lookahead");
        reader.setDaemon(true);
        if (!inline && from <= to) {
            reader.start();
        }
    }

    private void readAll(int from, int to, IntFunction<? extends T> read) {
        for (int h = from; h <= to && !stopped; h++) {
            Object item;
            try {
                item = read.apply(h);
            } catch (Throwable t) {
                item = new Failure(t);
            }
            if (item == null) {
                item = new Failure(new IllegalStateException("reading block at height " + h + " gave nothing"));
            }
            try {
                ready.put(item);
            } catch (InterruptedException e) {
                return; // only close() ends us, and it does not interrupt; someone else asked us to go
            }
            if (item instanceof Failure) {
                return;
            }
        }
    }

    /** Whether a height is left to hand out. */
    boolean hasNext() {
        return nextHeight <= lastHeight && !stopped;
    }

    /** The next height's block, waiting for the reader; throws what reading it threw. */
    T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no block left to read (next height " + nextHeight + ", last "
                    + lastHeight + (stopped ? ", closed" : "") + ")");
        }
        if (inline) {
            T block = read.apply(nextHeight);
            nextHeight++;
            return block;
        }
        Object item;
        try {
            item = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the block at height " + nextHeight, e);
        }
        nextHeight++;
        if (item instanceof Failure failure) {
            nextHeight = lastHeight + 1;
            if (failure.cause() instanceof RuntimeException e) {
                throw e;
            }
            if (failure.cause() instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(failure.cause());
        }
        @SuppressWarnings("unchecked") // only the reader adds, and only T or Failure
        T block = (T) item;
        return block;
    }

    /** Stops the reader and waits until it has ended. */
    @Override
    public void close() {
        stopped = true;
        ready.clear(); // the reader adds at most one more block after this, and there is room for it
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true; // keep waiting: returning would leave the reader behind
            }
        }
        ready.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

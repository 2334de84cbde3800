package org.btcmp.ipc.capnp.rpc;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.capnproto.MessageBuilder;

/**
 * A connection's outgoing messages, written in the order they were queued, all that are queued at
 * once coalesced into as few system calls as possible. The connection queues while holding its lock
 * (so the order is that of its table changes) and writes only after letting go: a thread blocked in a
 * socket write must not hold the lock the reader thread needs, or two peers writing large messages to
 * each other would both stop reading. The reader thread never waits to write: if another thread is
 * writing, that thread writes the reader's messages too.
 *
 * <p>A message queued {@linkplain #addLazily lazily} (a Finish nobody waits for) does not cause a write
 * of its own: it leaves with the next message, or after {@value #LAZY_DELAY_MICROS} µs at the latest.
 * That saves the peer a wake-up per call.
 */
final class Outbox {
    static final long LAZY_DELAY_MICROS = 1000;
    private static final ScheduledExecutorService LAZY_FLUSHER = Executors.newSingleThreadScheduledExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "capnp-lazy-flush");
                thread.setDaemon(true);
                return thread;
            });

    private final FrameConnection connection;
    private final ArrayDeque<MessageBuilder> queue = new ArrayDeque<>();
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicLong sent = new AtomicLong();
    private boolean lazyFlushArmed;
    /** True while a queued message wants writing now (not just lazily). */
    private boolean urgent;

    Outbox(FrameConnection connection) {
        this.connection = connection;
    }

    synchronized void add(MessageBuilder message) {
        queue.add(message);
        urgent = true;
    }

    /** Queues {@code message} to leave with the next write, or on its own within the lazy delay. */
    void addLazily(MessageBuilder message) {
        synchronized (this) {
            queue.add(message);
            if (lazyFlushArmed) {
                return;
            }
            lazyFlushArmed = true;
        }
        LAZY_FLUSHER.schedule(() -> {
            synchronized (this) {
                lazyFlushArmed = false;
            }
            write(true, true); // waits for a writer busy meanwhile: it may have missed this message
        }, LAZY_DELAY_MICROS, TimeUnit.MICROSECONDS);
    }

    long sent() {
        return sent.get();
    }

    /**
     * Writes queued messages until none is left, unless only lazy ones are queued. A failed write ends
     * the connection (whose close is then reported to everyone waiting) and drops what is still queued.
     */
    void flush(boolean mayWait) {
        write(mayWait, false);
    }

    /** Writes everything queued now, lazy messages too. */
    void flushAll() {
        write(true, true);
    }

    private void write(boolean mayWait, boolean lazyToo) {
        while (true) {
            synchronized (this) {
                if (queue.isEmpty() || !urgent && !lazyToo) {
                    return;
                }
            }
            if (mayWait) {
                writing.lock();
            } else if (!writing.tryLock()) {
                return; // the writing thread checks the queue again after it lets go
            }
            try {
                List<ByteBuffer[]> batch;
                while (!(batch = takeAll()).isEmpty()) {
                    try {
                        connection.sendAll(batch);
                        sent.addAndGet(batch.size());
                    } catch (IpcException e) {
                        synchronized (this) {
                            queue.clear();
                        }
                        return;
                    }
                }
            } finally {
                writing.unlock();
            }
        }
    }

    private synchronized List<ByteBuffer[]> takeAll() {
        urgent = false;
        if (queue.isEmpty()) {
            return List.of();
        }
        List<ByteBuffer[]> batch = new ArrayList<>(queue.size());
        MessageBuilder message;
        while ((message = queue.poll()) != null) {
            batch.add(message.getSegmentsForOutput());
        }
        return batch;
    }
}

package org.btcmp.ipc.capnp.rpc;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
 * <p>A message queued with {@link #addLazily} (the Finish of an answered call whose caller allowed it)
 * makes no write of its own: it leaves with the next message queued by {@link #add}, saving the peer a
 * wake-up per call (a proxy thread's Finish travels in one write with its next Call). A 1 ms timer for
 * every Finish was tried before and cost more than it saved (its own wake-ups, under load).
 */
final class Outbox {
    private final FrameConnection connection;
    private final ArrayDeque<MessageBuilder> queue = new ArrayDeque<>();
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicLong sent = new AtomicLong();
    /** Whether the queue holds a message that must leave now (not only lazy ones). */
    private boolean urgent;

    Outbox(FrameConnection connection) {
        this.connection = connection;
    }

    synchronized void add(MessageBuilder message) {
        queue.add(message);
        urgent = true;
    }

    /** Queues {@code message} to leave, in order, with the next message queued by {@link #add}. */
    synchronized void addLazily(MessageBuilder message) {
        queue.add(message);
    }

    long sent() {
        return sent.get();
    }

    /**
     * Writes queued messages until none is left, if one of them must leave now. A failed write ends the
     * connection (whose close is then reported to everyone waiting) and drops what is still queued.
     */
    void flush(boolean mayWait) {
        while (true) {
            synchronized (this) {
                if (!urgent) {
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
                            urgent = false;
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
        if (!urgent) {
            return List.of();
        }
        urgent = false;
        List<ByteBuffer[]> batch = new ArrayList<>(queue.size());
        MessageBuilder message;
        while ((message = queue.poll()) != null) {
            batch.add(message.getSegmentsForOutput());
        }
        return batch;
    }
}

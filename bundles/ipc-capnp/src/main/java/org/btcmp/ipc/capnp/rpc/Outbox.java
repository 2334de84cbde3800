package org.btcmp.ipc.capnp.rpc;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.capnproto.MessageBuilder;

/**
 * A connection's outgoing messages, written in the order they were queued. The connection queues
 * while holding its lock (so the order is that of its table changes) and writes only after letting
 * go: a thread blocked in a socket write must not hold the lock the reader thread needs, or two peers
 * writing large messages to each other would both stop reading. The reader thread never waits to
 * write: if another thread is writing, that thread writes the reader's messages too.
 */
final class Outbox {
    private final FrameConnection connection;
    private final ArrayDeque<MessageBuilder> queue = new ArrayDeque<>();
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicLong sent = new AtomicLong();

    Outbox(FrameConnection connection) {
        this.connection = connection;
    }

    synchronized void add(MessageBuilder message) {
        queue.add(message);
    }

    long sent() {
        return sent.get();
    }

    /**
     * Writes queued messages until none is left. A failed write ends the connection (whose close is
     * then reported to everyone waiting) and drops what is still queued.
     */
    void flush(boolean mayWait) {
        while (true) {
            if (mayWait) {
                writing.lock();
            } else if (!writing.tryLock()) {
                return; // the writing thread checks the queue again after it lets go
            }
            try {
                MessageBuilder message;
                while ((message = next()) != null) {
                    try {
                        connection.send(message);
                        sent.incrementAndGet();
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
            synchronized (this) {
                if (queue.isEmpty()) {
                    return;
                }
            }
        }
    }

    private synchronized MessageBuilder next() {
        return queue.poll();
    }
}

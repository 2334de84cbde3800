package org.btcmp.ipc.capnp.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.wire.Frame;
import org.btcmp.ipc.capnp.wire.FrameException;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.btcmp.ipc.capnp.wire.FrameReader;
import org.btcmp.ipc.capnp.wire.FrameWriter;
import org.capnproto.MessageBuilder;

/**
 * A connected stream socket carrying Cap'n Proto frames: one reader thread hands each received frame
 * to a {@link FrameHandler}; any thread may {@link #send}, one message at a time. The connection ends
 * once, for the first of: end of stream, a protocol error, an I/O failure, a handler failure or a local
 * {@link #close}. That first cause is kept and reported to the handler exactly once; later sends fail
 * with an {@link IpcException} naming it.
 */
public final class FrameConnection implements AutoCloseable {
    private final SocketChannel channel;
    private final String name;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicReference<IpcException> closeCause = new AtomicReference<>();
    private final CountDownLatch reported = new CountDownLatch(1);

    /** Takes over {@code channel}, which must be connected and blocking; {@code name} appears in errors. */
    public FrameConnection(SocketChannel channel, String name, FrameLimits limits) {
        this.channel = channel;
        this.name = name;
        this.reader = new FrameReader(channel, limits);
        this.writer = new FrameWriter(channel);
    }

    public String name() {
        return name;
    }

    /** Starts the reader thread, which runs until the connection ends. Only once. */
    public void start(FrameHandler handler) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("connection " + name + " already started");
        }
        Thread thread = new Thread(() -> readLoop(handler), "capnp-reader " + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Sends {@code message} as one frame; see {@link #send(ByteBuffer[])}. */
    public void send(MessageBuilder message) {
        send(message.getSegmentsForOutput());
    }

    /**
     * Sends one frame holding {@code segments}, after any send in progress on another thread.
     *
     * @throws IpcException if the connection has ended, or the write fails (which ends it)
     * @throws IllegalArgumentException if no peer would accept the frame (nothing is sent)
     */
    public void send(ByteBuffer[] segments) {
        sendAll(Collections.singletonList(segments));
    }

    /**
     * Sends several frames, in order, coalesced into as few system calls as their sizes allow.
     *
     * @throws IpcException if the connection has ended, or the write fails (which ends it)
     * @throws IllegalArgumentException if no peer would accept one of the frames (nothing is sent)
     */
    public void sendAll(List<ByteBuffer[]> frames) {
        writeLock.lock();
        // A thread interrupted inside a channel write closes the channel: keep a caller's pending
        // interrupt from killing the connection, and give it back afterwards.
        boolean interrupted = Thread.interrupted();
        try {
            IpcException cause = closeCause.get();
            if (cause != null) {
                throw new IpcException("cannot send on " + name + ": " + cause.getMessage(), cause);
            }
            writer.writeAll(frames);
        } catch (IOException e) {
            IpcException failure = new IpcException("sending on " + name + " failed: " + e.getMessage(), e);
            if (closeWith(failure)) {
                throw failure;
            }
            IpcException cause = closeCause.get();
            throw new IpcException("cannot send on " + name + ": " + cause.getMessage(), cause);
        } finally {
            writeLock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isOpen() {
        return closeCause.get() == null;
    }

    /** Why the connection ended, once it has. */
    public Optional<IpcException> closeCause() {
        return Optional.ofNullable(closeCause.get());
    }

    /** Ends the connection from this side. Idempotent. */
    @Override
    public void close() {
        closeWith(new IpcException("connection " + name + " closed locally"));
    }

    /** Ends the connection with {@code cause} (e.g. a protocol violation found above the framing). */
    public void abort(IpcException cause) {
        closeWith(cause);
    }

    /** Waits until the handler has heard of the end; true if it has within {@code timeout}. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return reported.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void readLoop(FrameHandler handler) {
        boolean inHandler = false;
        try {
            Frame frame;
            while ((frame = reader.read()) != null) {
                inHandler = true;
                handler.onFrame(frame);
                inHandler = false;
            }
            closeWith(new IpcException("connection " + name + " closed by the peer"));
        } catch (FrameException e) {
            IpcException cause = new IpcException("protocol error on " + name + ": " + e.getMessage(), e);
            try {
                handler.onProtocolError(e);
            } catch (RuntimeException | Error hookFailure) {
                cause.addSuppressed(hookFailure);
            }
            closeWith(cause);
        } catch (IOException e) {
            closeWith(new IpcException("connection " + name + " failed: " + e, e));
        } catch (RuntimeException | Error e) {
            // e.g. a handler bug, or no memory left for a frame the limits allowed
            String where = inHandler ? "frame handler failed on " : "reading from ";
            closeWith(new IpcException(where + name + ": " + e, e));
        } finally {
            try {
                handler.onClosed(closeCause.get());
            } finally {
                reported.countDown();
            }
        }
    }

    /** Records {@code cause} and closes the socket, if nothing ended the connection before. */
    private boolean closeWith(IpcException cause) {
        if (!closeCause.compareAndSet(null, cause)) {
            return false;
        }
        try {
            channel.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        if (!started.get()) {
            reported.countDown();
        }
        return true;
    }
}

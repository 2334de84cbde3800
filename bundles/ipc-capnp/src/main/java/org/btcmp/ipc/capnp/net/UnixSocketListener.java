package org.btcmp.ipc.capnp.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/** A bound UNIX socket accepting {@link FrameConnection}s; closing it removes the socket file. */
public final class UnixSocketListener implements AutoCloseable {
    private final AFUNIXServerSocketChannel server;
    private final Path path;
    private final FrameLimits limits;
    private final AtomicBoolean closed = new AtomicBoolean();
    private int accepted;

    UnixSocketListener(AFUNIXServerSocketChannel server, Path path, FrameLimits limits) {
        this.server = server;
        this.path = path;
        this.limits = limits;
    }

    public Path path() {
        return path;
    }

    /**
     * Waits for the next peer. Not started: install a handler with {@link FrameConnection#start}.
     *
     * @throws IpcException if the listener is or gets closed, or accepting fails
     */
    public FrameConnection accept() {
        try {
            AFUNIXSocketChannel channel = server.accept();
            synchronized (this) {
                accepted++;
                return new FrameConnection(channel, "unix:" + path + " peer " + accepted, limits);
            }
        } catch (IOException e) {
            if (closed.get()) {
                throw new IpcException("listener on unix:" + path + " closed", e);
            }
            throw new IpcException("accepting on unix:" + path + " failed: " + e.getMessage(), e);
        }
    }

    /** Stops listening and deletes the socket file. Idempotent; connections already accepted stay open. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new IpcException("closing listener on unix:" + path + " failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // the file is gone or was never ours to delete; the socket itself is closed
            }
        }
    }
}

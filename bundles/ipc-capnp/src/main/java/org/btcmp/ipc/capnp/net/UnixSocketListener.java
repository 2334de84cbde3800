package org.btcmp.ipc.capnp.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/**
 * A bound UNIX socket accepting {@link FrameConnection}s. Made by {@link UnixSockets#listen}; closing it
 * removes its socket file, but never a file another process has put at the path since.
 */
public final class UnixSocketListener implements AutoCloseable {
    private final AFUNIXServerSocketChannel server;
    private final AFUNIXServerSocketChannel binder;
    private final Path path;
    private final Object fileKey;
    private final FrameLimits limits;
    private final AtomicBoolean closed = new AtomicBoolean();
    private int accepted;

    UnixSocketListener(PrivateBind.Bound bound, Path path, FrameLimits limits) {
        this.server = bound.listening();
        this.binder = bound.binder();
        this.fileKey = bound.fileKey();
        this.path = path;
        this.limits = limits;
    }

    /** The socket's path, absolute. */
    public Path path() {
        return path;
    }

    /**
     * Waits for the next peer. Not started: install a handler with {@link FrameConnection#start}.
     *
     * @throws IpcException if the listener is or gets closed, or accepting fails
     */
    public FrameConnection accept() {
        return acceptPeer().connection();
    }

    /**
     * Waits for the next peer and reads its credentials, e.g. to refuse another user's process.
     *
     * @throws IpcException if the listener is or gets closed, or accepting fails
     */
    public UnixPeer acceptPeer() {
        AFUNIXSocketChannel channel;
        try {
            channel = server.accept();
            if (closed.get() || channel == null) {
                // woken by close, possibly with a dummy connection: nobody is waiting for it
                if (channel != null) {
                    channel.close();
                }
                throw new IpcException("listener on unix:" + path + " closed");
            }
        } catch (IOException e) {
            if (closed.get()) {
                throw new IpcException("listener on unix:" + path + " closed", e);
            }
            throw new IpcException("accepting on unix:" + path + " failed: " + e.getMessage(), e);
        }
        PeerCredentials credentials;
        try {
            credentials = PeerCredentials.of(channel.getPeerCredentials());
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw new IpcException("cannot read the credentials of a peer on unix:" + path + ": " + e.getMessage(), e);
        }
        int number;
        synchronized (this) {
            number = ++accepted;
        }
        String name = "unix:" + path + " peer " + number + " (pid " + credentials.pid() + ")";
        return new UnixPeer(new FrameConnection(channel, name, limits), credentials);
    }

    /** Stops listening and deletes the socket file if it is still ours. Idempotent; accepted connections stay open. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (binder) {
            server.close();
        } catch (IOException e) {
            throw new IpcException("closing listener on unix:" + path + " failed: " + e.getMessage(), e);
        } finally {
            deleteIfOurs();
        }
    }

    private void deleteIfOurs() {
        try {
            Object current = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (Objects.equals(current, fileKey)) {
                Files.delete(path);
            }
        } catch (NoSuchFileException gone) {
            // someone removed it already: nothing of ours is left
        } catch (IOException ignored) {
            // cannot tell whose it is: leaving it is safe, a later listener replaces a stale socket
        }
    }
}

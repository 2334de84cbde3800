package org.btcmp.ipc.capnp.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketPair;

/**
 * UNIX-socket endpoints for {@link FrameConnection}s, through junixsocket (which also passes file
 * descriptors and reads peer credentials, needed later). Connections are not started: the caller
 * installs its handler with {@link FrameConnection#start}.
 */
public final class UnixSockets {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private UnixSockets() {
    }

    /**
     * Connects to the socket at {@code path}.
     *
     * @throws IpcException naming the path if nobody listens there or it cannot be reached
     */
    public static FrameConnection connect(Path path, FrameLimits limits) {
        try {
            AFUNIXSocketChannel channel = AFUNIXSocketChannel.open(AFUNIXSocketAddress.of(path));
            return new FrameConnection(channel, "unix:" + path, limits);
        } catch (IOException e) {
            throw new IpcException("cannot connect to unix:" + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Listens at {@code path}. A socket file left behind by a server that is gone is replaced; a live
     * server's socket or any other kind of file is not (junixsocket alone would replace it silently).
     *
     * @throws IpcException naming the path if it is in use or cannot be bound
     */
    public static UnixSocketListener listen(Path path, FrameLimits limits) {
        refuseIfTaken(path);
        AFUNIXServerSocketChannel server = null;
        try {
            server = AFUNIXServerSocketChannel.open();
            server.bind(AFUNIXSocketAddress.of(path));
            return new UnixSocketListener(server, path, limits);
        } catch (IOException e) {
            if (server != null) {
                try {
                    server.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw new IpcException("cannot listen on unix:" + path + ": " + e.getMessage(), e);
        }
    }

    private static void refuseIfTaken(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int mode;
        try {
            mode = (int) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IpcException("cannot listen on unix:" + path + ": it exists and its type is unknown (" + e + ")", e);
        }
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IpcException("cannot listen on unix:" + path + ": it exists and is not a socket");
        }
        AFUNIXSocketChannel probe;
        try {
            probe = AFUNIXSocketChannel.open(AFUNIXSocketAddress.of(path));
        } catch (IOException refused) {
            return; // nobody answers: the file is left over from a server that has gone, and bind replaces it
        }
        try {
            probe.close();
        } catch (IOException ignored) {
            // the probe has done its job either way
        }
        throw new IpcException("cannot listen on unix:" + path + ": another server is listening there");
    }

    /** Two connections joined to each other (a socketpair), e.g. for a child that inherits one end. */
    public static FrameConnection[] pair(String name, FrameLimits limits) {
        try {
            AFUNIXSocketPair<AFUNIXSocketChannel> pair = AFUNIXSocketPair.open();
            return new FrameConnection[] {
                new FrameConnection(pair.getSocket1(), name + "#1", limits),
                new FrameConnection(pair.getSocket2(), name + "#2", limits),
            };
        } catch (IOException e) {
            throw new IpcException("cannot create a socket pair: " + e.getMessage(), e);
        }
    }
}

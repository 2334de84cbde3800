package org.btcmp.ipc.capnp.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketPair;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * UNIX-socket endpoints for {@link FrameConnection}s, through junixsocket (which also passes file
 * descriptors and reads peer credentials). Connections are not started: the caller installs its handler
 * with {@link FrameConnection#start}. Every failure is an {@link IpcException} whose message is one line
 * naming the address.
 */
public final class UnixSockets {

    private UnixSockets() {
    }

    /**
     * Loads junixsocket's native library and classes now, which the first listen or connect would
     * otherwise pay for (0.2-1 s in a cold JVM). For a background thread at startup; harmless to repeat.
     */
    public static void preload() {
        AFUNIXSocket.isSupported();
        AFUNIXSocketAddress.class.getName();
    }

    /**
     * Connects to {@code unix:<path>} or takes over {@code fd:<n>}.
     *
     * @throws IpcException for another scheme, or as {@link #connect(Path, FrameLimits)} and {@link #inherited}
     */
    public static FrameConnection connect(IpcAddress address, FrameLimits limits) {
        switch (address.scheme()) {
            case IpcAddress.UNIX:
                return connect(Path.of(address.target()), limits);
            case IpcAddress.FD:
                int fd;
                try {
                    fd = Integer.parseInt(address.target());
                } catch (NumberFormatException e) {
                    throw new IpcException("bad IPC address " + address + ": the file descriptor must be a number", e);
                }
                return inherited(fd, limits);
            default:
                throw new IpcException("the UNIX socket transport cannot reach " + address + " (only unix: and fd: addresses)");
        }
    }

    /**
     * Connects to the socket at {@code path}.
     *
     * @throws IpcException naming the path if there is no socket there, nobody accepts on it, or it cannot be reached
     */
    public static FrameConnection connect(Path path, FrameLimits limits) {
        return connectPeer(path, limits).connection();
    }

    /**
     * Connects to the socket at {@code path} and reads the credentials of the process listening there, e.g.
     * to refuse a socket that another user's process put at the path.
     *
     * @throws IpcException as {@link #connect(Path, FrameLimits)}
     */
    public static UnixPeer connectPeer(Path path, FrameLimits limits) {
        Path target = path.toAbsolutePath();
        String action = "cannot connect to unix:" + target;
        SocketFiles.checkLength(target, target, action);
        switch (SocketFiles.kind(target, action)) {
            case ABSENT:
                throw new IpcException(action + ": no such socket" + (Files.isDirectory(target.getParent())
                        ? "" : " (the directory " + target.getParent() + " does not exist)"));
            case OTHER:
                throw new IpcException(action + ": it is not a socket");
            case SOCKET:
            default:
                break;
        }
        try {
            AFUNIXSocketChannel channel = AFUNIXSocketChannel.open(AFUNIXSocketAddress.of(target));
            PeerCredentials credentials;
            try {
                credentials = PeerCredentials.of(channel.getPeerCredentials());
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new UnixPeer(new FrameConnection(channel, "unix:" + target, limits), credentials);
        } catch (IOException e) {
            String why = String.valueOf(e.getMessage());
            if (why.contains("refused")) {
                throw new IpcException(action + ": nobody is listening there (a socket file left by a process that is gone)", e);
            }
            if (why.contains("ermission denied")) {
                throw new IpcException(action + ": permission denied (the socket belongs to another user)", e);
            }
            throw new IpcException(action + ": " + why, e);
        }
    }

    /**
     * Takes over file descriptor {@code fd}, a connected UNIX stream socket this process inherited (as with
     * {@code -ipcfd=N}). Closing the connection closes the descriptor. A descriptor that is refused is left
     * as it was.
     *
     * @throws IpcException naming the descriptor if it is not open, not a UNIX stream socket, or not connected
     */
    public static FrameConnection inherited(int fd, FrameLimits limits) {
        String action = "cannot use inherited file descriptor " + fd;
        if (fd < 0) {
            throw new IpcException(action + ": not a file descriptor number");
        }
        Path link = Path.of("/proc/self/fd", Integer.toString(fd));
        String what;
        try {
            what = Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            throw new IpcException(action + ": it is not open in this process", e);
        }
        if (!what.startsWith("socket:[") || !what.endsWith("]")) {
            throw new IpcException(action + ": it is not a socket (it is " + what + ")");
        }
        UnixSocketTable.Entry entry;
        try {
            entry = UnixSocketTable.find(what.substring("socket:[".length(), what.length() - 1))
                    .orElseThrow(() -> new IpcException(action + ": it is not a UNIX socket"));
        } catch (IOException e) {
            throw new IpcException(action + ": cannot read the kernel's socket table: " + e, e);
        }
        if (!entry.stream()) {
            throw new IpcException(action + ": it is a UNIX socket but not a stream socket");
        }
        if (entry.listening() || !entry.connected()) {
            throw new IpcException(action + ": it is a UNIX socket but not a connected one"
                    + (entry.listening() ? " (it is listening)" : ""));
        }
        try {
            AFUNIXSocketChannel channel = FileDescriptorCast.unsafeUsing(fd).as(AFUNIXSocketChannel.class);
            return new FrameConnection(channel, "fd:" + fd, limits);
        } catch (ClassCastException | IOException e) {
            throw new IpcException(action + ": junixsocket cannot use it: " + e.getMessage(), e);
        }
    }

    /**
     * Listens at {@code path}, safely: see {@link UnixSocketListener}. The directory is created 0700 if
     * missing and refused if others could write to it; the socket file is 0600 from the moment anyone
     * can reach it; a socket file nobody accepts on (left by a process that is gone) is replaced.
     *
     * @throws IpcException naming the path if another process listens there, it exists and is not a
     *     socket (left untouched), it is too long for a socket address, or it cannot be bound
     */
    public static UnixSocketListener listen(Path path, FrameLimits limits) {
        Path target = path.toAbsolutePath();
        String action = "cannot listen on unix:" + target;
        SocketFiles.checkLength(target, target, action);
        SocketDirectory.prepare(target.getParent(), action);
        switch (SocketFiles.kind(target, action)) {
            case OTHER:
                throw new IpcException(action + ": it exists and is not a socket");
            case SOCKET:
                refuseIfLive(target, action);
                break;
            case ABSENT:
            default:
                break;
        }
        PrivateBind.Bound bound = PrivateBind.bind(target, action);
        return new UnixSocketListener(bound, target, limits);
    }

    private static void refuseIfLive(Path path, String action) {
        AFUNIXSocketChannel probe;
        try {
            probe = AFUNIXSocketChannel.open(AFUNIXSocketAddress.of(path));
        } catch (IOException refused) {
            return; // nobody answers: the file is left over from a process that has gone, and binding replaces it
        }
        try {
            probe.close();
        } catch (IOException ignored) {
            // the probe has done its job either way
        }
        throw new IpcException(action + ": another process is listening on " + path);
    }

    /** Two connections joined to each other (a socketpair). */
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

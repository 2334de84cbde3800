package org.btcmp.ipc.capnp.net;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.btcmp.ipc.IpcException;

/** What is at a socket path, and whether a path fits in a socket address at all. */
final class SocketFiles {
    /** Linux's sun_path holds 108 bytes including the terminating NUL. */
    static final int MAX_PATH_BYTES = 107;

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    enum Kind { ABSENT, SOCKET, OTHER }

    private SocketFiles() {
    }

    /** The kind of file at {@code path}, not following a symbolic link (which counts as OTHER). */
    static Kind kind(Path path, String action) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return Kind.ABSENT;
        }
        int mode;
        try {
            mode = (int) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IpcException(action + ": cannot tell what " + path + " is (" + e + ")", e);
        }
        return (mode & S_IFMT) == S_IFSOCK ? Kind.SOCKET : Kind.OTHER;
    }

    /**
     * Refuses a path too long for a socket address, which the kernel would otherwise truncate or reject
     * with a bare "invalid argument". {@code bound} is the path actually bound, {@code shown} the one named.
     */
    static void checkLength(Path bound, Path shown, String action) {
        int bytes = bound.toString().getBytes(Charset.defaultCharset()).length;
        if (bytes > MAX_PATH_BYTES) {
            int over = bytes - MAX_PATH_BYTES;
            throw new IpcException(action + ": the path " + shown + " is too long for a UNIX socket ("
                    + over + " byte" + (over == 1 ? "" : "s") + " over the limit of " + MAX_PATH_BYTES
                    + "); use a shorter -datadir or socket path");
        }
    }
}

package org.btcmp.ipc.capnp.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.btcmp.ipc.IpcException;

/**
 * The directory a listening socket lives in. Whoever can write to it can replace the socket with their
 * own and receive our peers' calls, so it must be ours and writable by nobody else.
 */
final class SocketDirectory {
    static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private SocketDirectory() {
    }

    /** Creates {@code dir} (and missing parents) 0700, or checks that an existing one is safe. */
    static void prepare(Path dir, String action) {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir, OWNER_ONLY);
            }
            // Follow a symbolic link here: a datadir reached through a link is common and the target is what counts.
            if (!Files.isDirectory(dir)) {
                throw new IpcException(action + ": " + dir + " is not a directory");
            }
            int owner = (int) Files.getAttribute(dir, "unix:uid");
            int self = (int) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (isStickyOfRootOrSelf(dir, owner, self)) {
                // Like /tmp: others may write there but cannot rename or remove our entries, and the rename
                // into place fails rather than replace an entry someone else made.
                return;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new IpcException(action + ": the directory " + dir + " is writable by others ("
                        + PosixFilePermissions.toString(permissions) + "), who could replace the socket; "
                        + "run chmod go-w on it or choose another directory");
            }
            if (owner != self) {
                throw new IpcException(action + ": the directory " + dir + " belongs to user id " + owner
                        + ", not to this process's user id " + self);
            }
        } catch (IOException e) {
            throw new IpcException(action + ": cannot prepare the directory " + dir + ": " + e, e);
        }
    }

    /** A sticky directory (mode 01000) owned by root or by us: the only shared directories we use. */
    private static boolean isStickyOfRootOrSelf(Path dir, int owner, int self) throws IOException {
        int mode = (int) Files.getAttribute(dir, "unix:mode");
        return (mode & 01000) != 0 && (owner == 0 || owner == self);
    }
}

package org.btcmp.ipc.capnp.net;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;
import org.btcmp.ipc.IpcException;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * Binds a listening socket at a path so that it is never reachable with wider permissions than 0600.
 * junixsocket makes every socket file it binds 0666, and bind(2) alone would use the umask: so bind inside a
 * fresh 0700 directory nobody else can enter, tighten the file, then rename it into place (atomic, and
 * replacing a stale socket file in one step).
 *
 * <p>junixsocket's accept refuses to go on once the file it bound has moved (it compares inodes at the bound
 * name), so the listener keeps a duplicate of the descriptor, adopted as already bound, which has no such check.
 */
final class PrivateBind {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int MIN_RANDOM = 4;

    /**
     * The channel to accept on, the channel that bound (kept open: closing it would shut the socket down
     * under the other) and the identity (device, inode) of the socket file.
     */
    record Bound(AFUNIXServerSocketChannel listening, AFUNIXServerSocketChannel binder, Object fileKey) {
    }

    private PrivateBind() {
    }

    static Bound bind(Path target, String action) {
        Path stagingDir = createStagingDir(target.getParent(), target.getFileName().toString().length(), action);
        Path staged = stagingDir.resolve("s");
        AFUNIXServerSocketChannel binder = null;
        AFUNIXServerSocketChannel listening = null;
        try {
            SocketFiles.checkLength(staged, target, action);
            binder = AFUNIXServerSocketChannel.open();
            binder.bind(AFUNIXSocketAddress.of(staged));
            binder.socket().setDeleteOnClose(false);
            Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-------"));
            listening = FileDescriptorCast.duplicating(binder.getFileDescriptor()).as(AFUNIXServerSocketChannel.class);
            if (SocketFiles.kind(target, action) == SocketFiles.Kind.OTHER) {
                throw new IpcException(action + ": it appeared meanwhile and is not a socket");
            }
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            Object fileKey = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return new Bound(listening, binder, fileKey);
        } catch (IOException | RuntimeException e) {
            IpcException failure = e instanceof IpcException ipc ? ipc : new IpcException(action + ": " + e.getMessage(), e);
            closeQuietly(listening, failure);
            closeQuietly(binder, failure);
            try {
                Files.deleteIfExists(staged);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        } finally {
            try {
                Files.deleteIfExists(stagingDir);
            } catch (IOException ignored) {
                // a leftover empty hidden directory does no harm and must not hide the outcome
            }
        }
    }

    /**
     * A fresh owner-only directory beside the target, named so that the staged path is no longer than the
     * target whenever the target's name allows (the staged path must fit in a socket address too).
     */
    private static Path createStagingDir(Path parent, int targetNameLength, String action) {
        int randomLength = Math.max(MIN_RANDOM, targetNameLength - 3);
        FileAlreadyExistsException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            StringBuilder name = new StringBuilder(".");
            for (int i = 0; i < randomLength; i++) {
                name.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
            }
            try {
                return Files.createDirectory(parent.resolve(name.toString()), SocketDirectory.OWNER_ONLY);
            } catch (FileAlreadyExistsException taken) {
                last = taken;
            } catch (IOException e) {
                throw new IpcException(action + ": cannot create a private directory in " + parent + ": " + e, e);
            }
        }
        throw new IpcException(action + ": no free private directory name in " + parent, last);
    }

    private static void closeQuietly(AFUNIXServerSocketChannel channel, IpcException failure) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }
}

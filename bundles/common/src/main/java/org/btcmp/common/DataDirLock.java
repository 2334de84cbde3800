package org.btcmp.common;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Bitcoin Core's data directory lock: an exclusive lock on {@code <dir>/.lock}, held for as long as the program
 * uses the directory, so that two nodes never share one. The operating system drops the lock when the process
 * ends, however it ends, so a crash leaves nothing to clean up; the empty file itself stays, as in Core.
 */
public final class DataDirLock implements AutoCloseable {
    /** The lock file's name inside the directory, as in Core. */
    public static final String FILE_NAME = ".lock";
    /** How the user-facing messages name this program. */
    public static final String PROGRAM_NAME = "btcmp";

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code directory} (which must exist) without waiting.
     *
     * @throws DataDirLockException with Core's message: "Cannot obtain a lock on data directory DIR. btcmp is
     *     probably already running." when another holds it, "Cannot write to directory 'DIR'; check permissions."
     *     when the lock file cannot be opened
     */
    public static DataDirLock acquire(Path directory) {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory.resolve(FILE_NAME),
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new DataDirLockException("Cannot write to directory '" + directory + "'; check permissions.", false, e);
        }
        FileLock lock;
        Exception cause = null;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
            cause = sameProcess;
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new DataDirLockException("Cannot write to directory '" + directory + "'; check permissions.", false, e);
        }
        if (lock == null) {
            closeQuietly(channel, cause);
            throw new DataDirLockException("Cannot obtain a lock on data directory " + directory + ". " + PROGRAM_NAME
                    + " is probably already running.", true, cause);
        }
        return new DataDirLock(directory, channel, lock);
    }

    public Path directory() {
        return directory;
    }

    public boolean isHeld() {
        return lock.isValid();
    }

    /** Releases the lock (the file stays). Idempotent. */
    @Override
    public void close() {
        try {
            channel.close(); // releases the lock with it
        } catch (IOException ignored) {
            // closing a local file's channel can only fail after the lock is already gone
        }
    }

    private static void closeQuietly(FileChannel channel, Exception reason) {
        try {
            channel.close();
        } catch (IOException e) {
            if (reason != null) {
                reason.addSuppressed(e);
            }
        }
    }
}

package org.btcmp.common;

import java.nio.file.Path;

/**
 * A separate JVM for {@link DataDirLockTest}: tries to lock the directory in args[0]; prints "locked" and
 * holds the lock until its standard input ends, or prints the refusal and exits 1.
 */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (DataDirLock lock = DataDirLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our input
            }
        } catch (DataDirLockException e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }
}

package org.btcmp.common;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two programs on one data directory: the second is refused with Core's message, in this JVM or another. */
@Timeout(120)
class DataDirLockTest {
    @TempDir
    Path dir;

    @Test
    void anotherProcessCannotTakeAHeldLock() throws Exception {
        try (DataDirLock lock = DataDirLock.acquire(dir)) {
            Process other = holder(dir);
            String said = firstLine(other);
            assertTrue(other.waitFor(60, TimeUnit.SECONDS), "the other process ends");
            assertEquals(1, other.exitValue());
            assertEquals("Cannot obtain a lock on data directory " + dir + ". btcmp is probably already running.", said);
            assertTrue(lock.isHeld());
        }
    }

    @Test
    void aLockHeldByAnotherProcessIsRefusedHereUntilItEnds() throws Exception {
        Process other = holder(dir);
        try {
            assertEquals("locked", firstLine(other));

            DataDirLockException refused = assertThrows(DataDirLockException.class, () -> DataDirLock.acquire(dir));
            assertEquals("Cannot obtain a lock on data directory " + dir + ". btcmp is probably already running.",
                    refused.getMessage());
            assertTrue(refused.heldByAnother());
        } finally {
            other.destroyForcibly(); // as a crash would: the system releases the lock
            assertTrue(other.waitFor(60, TimeUnit.SECONDS));
        }
        try (DataDirLock lock = DataDirLock.acquire(dir)) {
            assertTrue(lock.isHeld(), "a lock left by a killed process is free again");
        }
    }

    @Test
    void aSecondLockInTheSameProcessIsRefusedToo() {
        try (DataDirLock first = DataDirLock.acquire(dir)) {
            DataDirLockException refused = assertThrows(DataDirLockException.class, () -> DataDirLock.acquire(dir));
            assertTrue(refused.heldByAnother());
            assertTrue(first.isHeld(), "the refused attempt does not disturb the holder");
        }
    }

    @Test
    void closeReleasesAndLeavesTheFile() {
        DataDirLock first = DataDirLock.acquire(dir);
        first.close();
        first.close();
        assertFalse(first.isHeld());
        assertTrue(Files.exists(dir.resolve(".lock")), "the lock file stays, as in Core");
        try (DataDirLock again = DataDirLock.acquire(dir)) {
            assertEquals(dir, again.directory());
        }
    }

    @Test
    void aMissingDirectoryIsAWriteError() {
        Path missing = dir.resolve("missing");
        DataDirLockException refused = assertThrows(DataDirLockException.class, () -> DataDirLock.acquire(missing));
        assertEquals("Cannot write to directory '" + missing + "'; check permissions.", refused.getMessage());
        assertFalse(refused.heldByAnother());
        assertFalse(Files.exists(missing), "nothing is created");
    }

    private static Process holder(Path directory) throws Exception {
        String classPath = location(DataDirLock.class) + File.pathSeparator + location(LockHolder.class);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", classPath, LockHolder.class.getName(), directory.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String firstLine(Process process) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
        return reader.readLine();
    }
}

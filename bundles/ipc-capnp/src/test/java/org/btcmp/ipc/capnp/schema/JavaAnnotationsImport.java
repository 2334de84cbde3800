package org.btcmp.ipc.capnp.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An import directory that holds {@code /mpgen/java.capnp} for the C++ tools: mpgen knows the file
 * without an import path, capnp needs it on disk. Copied from mpgen's sources once per test JVM.
 */
public final class JavaAnnotationsImport {
    private static final Path SOURCE = Path.of("../../tools/mpgen/src/main/resources/org/btcmp/mpgen/capnp/java.capnp");
    private static Path directory;

    private JavaAnnotationsImport() {
    }

    /** A directory with mpgen/java.capnp under it. */
    public static synchronized Path directory() {
        if (directory == null) {
            try {
                Path dir = Files.createTempDirectory("mpgen-import");
                Files.createDirectories(dir.resolve("mpgen"));
                Files.copy(SOURCE, dir.resolve("mpgen/java.capnp"));
                dir.toFile().deleteOnExit();
                directory = dir;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + SOURCE.toAbsolutePath() + " for capnp", e);
            }
        }
        return directory;
    }
}

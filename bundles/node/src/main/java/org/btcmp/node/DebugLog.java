package org.btcmp.node;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code <datadir>/<network>/debug.log}, lines prefixed with an ISO-8601 time as Core writes them.
 * Logging never writes to stderr; a log that cannot be written is dropped silently (the node goes on).
 */
final class DebugLog implements AutoCloseable {
    private final Writer out;

    DebugLog(Path file) throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    synchronized void log(String message) {
        try {
            out.write(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + message + "\n");
            out.flush();
        } catch (IOException e) {
            // the disk is full or gone: the node keeps running without its log
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}

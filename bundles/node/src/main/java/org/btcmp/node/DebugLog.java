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
 * With -printtoconsole each line also goes to stdout. Logging never writes to stderr; a log that
 * cannot be written is dropped silently (the node goes on).
 */
final class DebugLog implements AutoCloseable {
    private final Writer out;
    private final boolean console;

    DebugLog(Path file, boolean console) throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        this.console = console;
    }

    synchronized void log(String message) {
        String line = Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + message;
        if (console) {
            System.out.println(line);
        }
        try {
            out.write(line + "\n");
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

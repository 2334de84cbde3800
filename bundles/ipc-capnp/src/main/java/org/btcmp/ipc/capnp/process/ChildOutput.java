package org.btcmp.ipc.capnp.process;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where a spawned child's standard output or error goes. */
public final class ChildOutput {
    private static final ChildOutput INHERIT = new ChildOutput(null);
    private static final ChildOutput DISCARD = new ChildOutput(Path.of("/dev/null"));

    private final Path file;

    private ChildOutput(Path file) {
        this.file = file;
    }

    /** The same stream as this process's. */
    public static ChildOutput inherit() {
        return INHERIT;
    }

    /** Nowhere (/dev/null). */
    public static ChildOutput discard() {
        return DISCARD;
    }

    /** Appended to {@code file}, created 0600 if missing. */
    public static ChildOutput appendTo(Path file) {
        return new ChildOutput(Objects.requireNonNull(file, "file").toAbsolutePath());
    }

    /** The file to open for the stream, or empty to inherit it. */
    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    @Override
    public String toString() {
        return file == null ? "inherited" : file.toString();
    }
}

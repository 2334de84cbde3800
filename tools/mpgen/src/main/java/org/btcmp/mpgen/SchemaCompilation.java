package org.btcmp.mpgen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.btcmp.mpgen.compile.Compiler;
import org.btcmp.mpgen.java.JavaGenerationException;
import org.btcmp.mpgen.java.JavaGenerator;
import org.btcmp.mpgen.parse.SchemaException;

/** The entry point for build tools: compile schemas and generate Java from them. */
public final class SchemaCompilation {
    private SchemaCompilation() {
    }

    /** A schema error or a schema that cannot become Java; the message lists every problem (file:line:column). */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        public Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Compiles {@code files} (relative to {@code workingDirectory}, named that way in errors) and writes
     * Java sources for them under {@code outputDirectory}.
     *
     * @return the Java files written
     */
    public static List<Path> generateJava(List<Path> importPaths, Path workingDirectory, List<Path> files,
                                          Path outputDirectory) throws Failure, IOException {
        return generateJava(importPaths, workingDirectory, files, outputDirectory, null);
    }

    /**
     * As {@link #generateJava(List, Path, List, Path)}; files without {@code $Java.package} go to
     * {@code defaultPackage} when it is not null (for schemas shared with C++ builds that cannot import
     * mpgen's java.capnp).
     */
    public static List<Path> generateJava(List<Path> importPaths, Path workingDirectory, List<Path> files,
                                          Path outputDirectory, String defaultPackage) throws Failure, IOException {
        try {
            return JavaGenerator.generate(new Compiler(importPaths, workingDirectory).compile(files), outputDirectory,
                    defaultPackage);
        } catch (SchemaException | JavaGenerationException e) {
            throw new Failure(e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}

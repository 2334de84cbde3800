package org.btcmp.wallet.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Reads the published test vectors committed under src/test/resources/vectors (comment lines dropped). */
public final class VectorFiles {
    private VectorFiles() {
    }

    public static List<String> lines(String name) {
        Path file = Path.of("src", "test", "resources", "vectors", name);
        try {
            return Files.readAllLines(file).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test vectors " + file.toAbsolutePath(), e);
        }
    }
}

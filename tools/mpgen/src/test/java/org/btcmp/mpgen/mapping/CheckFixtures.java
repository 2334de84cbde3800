package org.btcmp.mpgen.mapping;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies the checker's fixture schemas (store.capnp and mp/proxy.capnp) into a directory, store.capnp edited. */
public final class CheckFixtures {
    private CheckFixtures() {
    }

    /** Reads a fixture schema from the test resources. */
    public static String resource(String name) throws IOException {
        try (InputStream in = CheckFixtures.class.getResourceAsStream("/check/" + name)) {
            assertTrue(in != null, "missing test resource /check/" + name);
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Writes mp/proxy.capnp into {@code dir} and store.capnp with {@code from} replaced by {@code to} (which must occur). */
    public static Path storeSchema(Path dir, String from, String to) throws IOException {
        Files.createDirectories(dir.resolve("mp"));
        Files.writeString(dir.resolve("mp/proxy.capnp"), resource("mp/proxy.capnp"));
        String store = resource("store.capnp");
        assertTrue(store.contains(from), "the fixture has no '" + from + "'");
        Path file = dir.resolve("store.capnp");
        Files.writeString(file, store.replace(from, to));
        return file;
    }
}

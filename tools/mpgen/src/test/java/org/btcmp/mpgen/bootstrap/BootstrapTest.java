package org.btcmp.mpgen.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.btcmp.mpgen.compile.CapnpOracle;
import org.btcmp.mpgen.compile.Compiler;
import org.btcmp.mpgen.java.JavaGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Schema} (the schema.capnp builders our CodeGeneratorRequest writer uses) is mpgen's own
 * output for Debian's schema.capnp, unedited. To regenerate, from /usr/include:
 * {@code mpgen compile --no-standard-import -I /usr/include --java-package org.btcmp.mpgen.bootstrap
 * -o java:<module>/src/main/java capnp/schema.capnp}
 */
class BootstrapTest {
    private static final Path INCLUDE = Path.of("/usr/include");

    @Test
    void committedSchemaClassesAreWhatTheGeneratorWritesToday(@TempDir Path out) throws Exception {
        CapnpOracle.requireInstalled(INCLUDE.resolve("capnp/schema.capnp"));
        var schema = new Compiler(List.of(INCLUDE), INCLUDE).compile(List.of(Path.of("capnp/schema.capnp")));
        JavaGenerator.generate(schema, out, "org.btcmp.mpgen.bootstrap");
        String regenerated = Files.readString(out.resolve("org/btcmp/mpgen/bootstrap/Schema.java"));
        String committed = Files.readString(Path.of(System.getProperty("basedir", "."))
                .resolve("src/main/java/org/btcmp/mpgen/bootstrap/Schema.java"));
        assertEquals(regenerated, committed, "regenerate Schema.java (see this test's javadoc)");
    }
}

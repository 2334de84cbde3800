package org.btcmp.mpgen.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.mpgen.compile.Compiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java generated for Debian's schemas, our feature schemas and random schemas compiles with javac (on
 * the RPC runtime, which interface code uses).
 */
class GeneratedJavaCompilesTest {
    private static final Path INCLUDE = Path.of("/usr/include");

    @Test
    void debianCorpus(@TempDir Path out) throws Exception {
        List<String> corpus = List.of("capnp/schema.capnp", "capnp/rpc.capnp", "capnp/rpc-twoparty.capnp",
                "capnp/persistent.capnp", "capnp/c++.capnp", "capnp/compat/json.capnp", "capnp/stream.capnp");
        for (String f : corpus) {
            org.btcmp.mpgen.compile.CapnpOracle.requireInstalled(INCLUDE.resolve(f));
        }
        assertCompiles(generate(INCLUDE, List.of(INCLUDE), corpus, out, "debian"), out);
    }

    @Test
    void featureSchemas(@TempDir Path out) throws Exception {
        Path dir = Path.of(GeneratedJavaCompilesTest.class.getResource("/features/types.capnp").toURI()).getParent();
        List<String> files = new ArrayList<>();
        try (var list = Files.walk(dir)) {
            // imports.capnp uses a type of inc/broken/lazy.capnp, which cannot be generated on its own.
            list.filter(p -> p.toString().endsWith(".capnp") && !p.toString().contains("/broken/")
                            && !p.endsWith("imports.capnp"))
                    .forEach(p -> files.add(dir.relativize(p).toString()));
        }
        org.btcmp.mpgen.compile.CapnpOracle.requireInstalled(INCLUDE.resolve("capnp/stream.capnp"));
        List<Path> sources = generate(dir, List.of(dir, INCLUDE), files, out, "feat");
        assertTrue(sources.stream().anyMatch(p -> p.endsWith("CommonSchema.java")), "outer name made unique");
        assertCompiles(sources, out);
    }

    @Test
    void randomSchemas(@TempDir Path out) throws Exception {
        Path dir = Files.createDirectories(out.resolve("schemas"));
        List<String> files = new ArrayList<>();
        for (int i = 0; files.size() < 20 && i < 200; i++) {
            String name = "r" + i + ".capnp";
            Files.writeString(dir.resolve(name), org.btcmp.mpgen.compile.RandomSchemas.generate(1000 + i));
            try {
                new Compiler(List.of(), dir).compile(List.of(Path.of(name)));
                files.add(name);
            } catch (RuntimeException rejected) {
                Files.delete(dir.resolve(name));
            }
        }
        List<Path> sources = new ArrayList<>();
        for (String f : files) {
            sources.addAll(generate(dir, List.of(), List.of(f), out.resolve("src"), "rand"));
        }
        assertEquals(20, sources.size());
        assertCompiles(sources, out);
    }

    private static List<Path> generate(Path dir, List<Path> imports, List<String> files, Path out, String pkg)
            throws IOException {
        var schema = new Compiler(imports, dir).compile(files.stream().map(Path::of).toList());
        return JavaGenerator.generate(schema, out.resolve("src"), pkg);
    }

    private static void assertCompiles(List<Path> sources, Path out) throws IOException, InterruptedException {
        RpcRuntimeSources.compile(sources, out, out.resolve("classes"));
    }
}

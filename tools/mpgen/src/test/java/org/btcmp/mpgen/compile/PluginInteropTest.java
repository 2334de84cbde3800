package org.btcmp.mpgen.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real Cap'n Proto plugins (capnpc-c++ and capnpc-capnp from Debian's capnproto) fed our
 * CodeGeneratorRequest write byte for byte what they write when fed capnp's.
 */
class PluginInteropTest {
    static Stream<Arguments> schemas() {
        Path features = FeatureConformanceTest.featureDir();
        Path include = Path.of("/usr/include");
        List<Arguments> cases = new ArrayList<>();
        for (String f : FeatureConformanceTest.CHECKLIST.values().stream().distinct().toList()) {
            cases.add(Arguments.of(features, List.of(features, include), f));
        }
        for (String f : List.of("capnp/schema.capnp", "capnp/rpc.capnp", "capnp/persistent.capnp",
                "capnp/compat/json.capnp")) {
            cases.add(Arguments.of(include, List.of(include), f));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("schemas")
    void pluginsWriteTheSameFiles(Path dir, List<Path> imports, String file, @TempDir Path tmp) throws Exception {
        CapnpOracle.require();
        CapnpOracle.requireInstalled(Path.of("/usr/include/capnp/c++.capnp"));
        CapnpOracle.Result oracle = CapnpOracle.compile(dir, imports, List.of(file));
        assertEquals(0, oracle.exitCode(), oracle.stderr());
        byte[] ours = RequestComparison.ours(dir, imports, List.of(file));
        for (String plugin : List.of("capnpc-c++", "capnpc-capnp")) {
            Path theirsOut = Files.createDirectories(tmp.resolve(plugin + "-capnp"));
            Path oursOut = Files.createDirectories(tmp.resolve(plugin + "-mpgen"));
            byte[] theirsStdout = runPlugin(plugin, oracle.stdout(), theirsOut);
            byte[] oursStdout = runPlugin(plugin, ours, oursOut);
            assertArrayEquals(theirsStdout, oursStdout, plugin + " stdout differs");
            List<Path> files = list(theirsOut);
            assertEquals(files, list(oursOut), plugin + " wrote other files");
            for (Path f : files) {
                assertEquals(Files.readString(theirsOut.resolve(f), StandardCharsets.ISO_8859_1),
                        Files.readString(oursOut.resolve(f), StandardCharsets.ISO_8859_1), plugin + ": " + f);
            }
            assertFalse(files.isEmpty() && theirsStdout.length == 0, plugin + " produced nothing");
        }
    }

    @org.junit.jupiter.api.Test
    void randomSchemasGiveTheSameCppCode(@TempDir Path tmp) throws Exception {
        CapnpOracle.require();
        long seed = Long.getLong("mpgen.seed", System.nanoTime());
        System.err.println("PluginInteropTest: base seed " + seed + " (-Dmpgen.seed to repeat)");
        Path dir = Files.createDirectories(tmp.resolve("schemas"));
        int compared = 0;
        for (int i = 0; compared < 30 && i < 200; i++) {
            String name = "r" + i + ".capnp";
            Files.writeString(dir.resolve(name), RandomSchemaGenerator.generate(seed + i));
            CapnpOracle.Result oracle = CapnpOracle.compile(dir, List.of(), List.of(name));
            if (oracle.exitCode() != 0) {
                continue;
            }
            byte[] ours = RequestComparison.ours(dir, List.of(), List.of(name));
            Path theirsOut = Files.createDirectories(tmp.resolve(i + "-capnp"));
            Path oursOut = Files.createDirectories(tmp.resolve(i + "-mpgen"));
            runPlugin("capnpc-c++", oracle.stdout(), theirsOut);
            runPlugin("capnpc-c++", ours, oursOut);
            for (Path f : list(theirsOut)) {
                assertEquals(Files.readString(theirsOut.resolve(f), StandardCharsets.ISO_8859_1),
                        Files.readString(oursOut.resolve(f), StandardCharsets.ISO_8859_1), name + " (seed " + seed + ")");
            }
            compared++;
        }
        assertEquals(30, compared);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    private static byte[] runPlugin(String plugin, byte[] request, Path workDir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(plugin).directory(workDir.toFile());
        pb.environment().put("PWD", workDir.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        Thread feed = new Thread(() -> {
            try (var in = p.getOutputStream()) {
                in.write(request);
            } catch (IOException ignored) {
                // the plugin stopped reading; its exit code tells
            }
        });
        feed.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(plugin + " hung");
        }
        feed.join();
        assertEquals(0, p.exitValue(), plugin + " failed");
        return out;
    }
}

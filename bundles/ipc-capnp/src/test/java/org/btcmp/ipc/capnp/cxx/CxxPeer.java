package org.btcmp.ipc.capnp.cxx;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.btcmp.testsupport.ExternalTool;
import org.junit.jupiter.api.Assumptions;

/**
 * A C++ test peer from src/test/c++, compiled with g++ against Debian's libcapnp-dev (found through
 * {@code pkg-config capnp}). Without the toolchain every test using it is skipped with a loud message
 * (call {@link #assumeAvailable} before each), unless CI=true, where building fails instead.
 */
public final class CxxPeer {
    private static final long TIMEOUT_SECONDS = 60;

    private final Path executable;
    private final String missing;

    private CxxPeer(Path executable, String missing) {
        this.executable = executable;
        this.missing = missing;
    }

    /**
     * Compiles {@code src/test/c++/<name>.c++} into target/cxx-peers/<name> (once per test class:
     * call from {@code @BeforeAll}). Fails if the source does not compile, or if the toolchain is
     * missing and CI=true.
     */
    public static CxxPeer build(String name) throws IOException, InterruptedException {
        return build(name, "capnp", List.of());
    }

    /**
     * Like {@link #build(String)} for an RPC peer: each of {@code schemas} (names of .capnp files in
     * src/test/c++) is first compiled with {@code capnp compile -oc++}, and the peer links capnp-rpc.
     */
    public static CxxPeer buildRpc(String name, String... schemas) throws IOException, InterruptedException {
        return build(name, "capnp-rpc", List.of(schemas));
    }

    private static CxxPeer build(String name, String library, List<String> schemas)
            throws IOException, InterruptedException {
        Path sources = Path.of("src", "test", "c++").toAbsolutePath();
        Path source = sources.resolve(name + ".c++");
        if (!Files.isRegularFile(source)) {
            fail("C++ peer source missing: " + source);
        }
        Result flags = run(List.of("pkg-config", "--cflags", "--libs", library));
        if (flags.status != 0) {
            return toolchainMissing("pkg-config found no " + library + " (install libcapnp-dev and pkg-config): " + flags);
        }
        Path executable = Path.of("target", "cxx-peers", name).toAbsolutePath();
        Path generated = Path.of("target", "cxx-peers", name + "-gen").toAbsolutePath();
        Files.createDirectories(generated);
        List<String> command = new ArrayList<>(List.of("g++", "-std=c++14", "-O1", "-o", executable.toString(),
                source.toString()));
        for (String schema : schemas) {
            Result compiled = run(List.of("capnp", "compile", "-oc++:" + generated, "--src-prefix=" + sources,
                    sources.resolve(schema).toString()));
            if (compiled.status == 127) {
                return toolchainMissing("capnp not found (install capnproto): " + compiled);
            }
            if (compiled.status != 0) {
                fail("capnp compile -oc++ " + schema + " failed: " + compiled);
            }
            command.add(generated.resolve(schema + ".c++").toString());
        }
        command.add("-I" + generated);
        command.addAll(Arrays.asList(flags.stdout.trim().split("\\s+")));
        Result compiled = run(command);
        if (compiled.status == 127) {
            return toolchainMissing("g++ not found (install g++): " + compiled);
        }
        if (compiled.status != 0) {
            fail("compiling " + source + " failed: " + compiled);
        }
        return new CxxPeer(executable, null);
    }

    /** Skips the calling test, loudly, if the peer could not be built for want of a toolchain. */
    public void assumeAvailable() {
        if (missing != null) {
            System.err.println("SKIPPED LOUDLY: " + missing);
            Assumptions.abort(missing);
        }
    }

    /** Starts the peer with {@code args}; its stdout and stderr are collected by {@link #await}. */
    public Process start(String... args) throws IOException {
        assumeAvailable();
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command).start();
    }

    /** Waits for {@code process} to end (killing it after a generous bound) and returns what it printed. */
    public static Result await(Process process) throws IOException, InterruptedException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("C++ peer did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException notFound) {
            return new Result(127, "", command.get(0) + ": " + notFound.getMessage());
        }
        return await(process);
    }

    private static CxxPeer toolchainMissing(String why) {
        String message = "C++ interop tests need g++ and libcapnp-dev: " + why;
        if (ExternalTool.inCi()) {
            fail(message + " (CI=true: a missing toolchain is a failure)");
        }
        return new CxxPeer(null, message);
    }

    public record Result(int status, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + status + ", stdout [" + stdout.trim() + "], stderr [" + stderr.trim() + "]";
        }
    }
}

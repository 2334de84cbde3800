package org.btcmp.mpgen.compile;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.btcmp.testsupport.ExternalTool;

/**
 * The C++ {@code capnp} tool as a test oracle. Missing tool: tests skip loudly, unless CI=true,
 * where they fail (CI installs capnproto and libcapnp-dev).
 */
public final class CapnpOracle {
    /** What capnp printed and whether it succeeded. */
    record Result(int exitCode, byte[] stdout, String stderr) {
    }

    private static Boolean available;

    private CapnpOracle() {
    }

    public static void require() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("capnp", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        if (!available) {
            ExternalTool.missing("the C++ 'capnp' compiler (Debian package capnproto) is not installed; "
                    + "conformance against it cannot be checked");
        }
    }

    /** Debian's libcapnp-dev schema files: skip loudly when absent, fail when CI=true. */
    public static void requireInstalled(Path file) {
        if (!Files.isRegularFile(file)) {
            ExternalTool.missing(file + " is missing (Debian package libcapnp-dev)");
        }
    }

    /** Runs {@code capnp compile -o- --no-standard-import -I... files} in dir. */
    static Result compile(Path dir, List<Path> importPaths, List<String> files) {
        require();
        List<String> cmd = new ArrayList<>(List.of("capnp", "compile", "-o-", "--no-standard-import"));
        for (Path p : importPaths) {
            cmd.add("-I" + p);
        }
        cmd.addAll(files);
        try {
            ProcessBuilder builder = new ProcessBuilder(cmd).directory(dir.toFile());
            builder.environment().put("PWD", dir.toAbsolutePath().toString());
            Process p = builder.start();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> {
                try {
                    p.getErrorStream().transferTo(err);
                } catch (IOException ignored) {
                    // the process ended; what was read is enough
                }
            });
            drain.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("capnp compile hung: " + cmd);
            }
            drain.join();
            return new Result(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run capnp", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

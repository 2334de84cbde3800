package org.btcmp.testsupport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A program a test needs from the machine (the {@code capnp} compiler, {@code g++}, ...). When it is
 * missing, the test is skipped with a loud message on stderr, except under {@code CI=true}, where a
 * missing tool fails the test: CI installs every tool, so a skip there would hide a broken setup.
 */
public final class ExternalTool {
    private static final long NO_HANG_SECONDS = 120;

    private final String name;
    private final String installHint;

    private ExternalTool(String name, String installHint) {
        this.name = name;
        this.installHint = installHint;
    }

    /** The outcome of a run: exit status and what it printed. */
    public record Result(int status, String stdout, String stderr) {
        public Result requireSuccess(List<String> command) {
            Assertions.assertEquals(0, status, () -> String.join(" ", command) + " failed: " + stderr);
            return this;
        }
    }

    /**
     * The tool {@code name}, found on the PATH, or the current test aborted (skipped, or failed in CI).
     *
     * @param installHint what to install, e.g. "apt-get install capnproto"
     */
    public static ExternalTool require(String name, String installHint) {
        ExternalTool tool = new ExternalTool(name, installHint);
        if (!tool.isOnPath()) {
            missing(name + " is not on the PATH (" + installHint + ")");
        }
        return tool;
    }

    /** Whether this run is CI's, where missing tools are failures. */
    public static boolean inCi() {
        return "true".equals(System.getenv("CI"));
    }

    /** Skips (outside CI, loudly) or fails (in CI) the current test for a missing prerequisite. */
    public static void missing(String what) {
        missing(what, inCi(), System.err);
    }

    static void missing(String what, boolean ci, PrintStream log) {
        String message = "MISSING TOOL: " + what;
        if (ci) {
            Assertions.fail(message + " -- CI=true, so this is a failure, not a skip");
        }
        log.println("!!! SKIPPED: " + message);
        Assumptions.abort(message);
    }

    /** Runs the tool with {@code args} in {@code directory} (null: the current one), bounded in time. */
    public Result run(Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(name);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Path out = Files.createTempFile("tool-out", ".txt");
        Path err = Files.createTempFile("tool-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(NO_HANG_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                Assertions.fail(String.join(" ", command) + " did not finish within " + NO_HANG_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private boolean isOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return name + " (" + installHint + ")";
    }
}

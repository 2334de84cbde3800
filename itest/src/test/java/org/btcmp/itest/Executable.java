package org.btcmp.itest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of the executables in bin/ as a real process, with a no-hang bound. */
final class Executable {
    private static final long NO_HANG_SECONDS = 60;

    record Result(int exitCode, String stdout, String stderr) {
    }

    private Executable() {
    }

    static Path root() {
        return Path.of(System.getProperty("btcmp.root", "..")).toAbsolutePath().normalize();
    }

    static Result run(String executable, String... args) throws IOException, InterruptedException {
        return runWithInput("", executable, args);
    }

    /** As {@link #run}, with {@code input} on the process's stdin. */
    static Result runWithInput(String input, String executable, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(root().resolve("bin").resolve(executable).toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("btcmp-stdout", ".txt");
        Path err = Files.createTempFile("btcmp-stderr", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(NO_HANG_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not exit within " + NO_HANG_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

package org.btcmp.itest;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node executable from bin/ running as a real process on a temp datadir (regtest), with the
 * bounded waits a process test needs: until its cookie appears, until it exits.
 */
final class RunningNode implements AutoCloseable {
    private static final long NO_HANG_SECONDS = 60;

    private final Process process;
    private final Path dataDir;
    private final Path stdout;
    private final Path stderr;

    private RunningNode(Process process, Path dataDir, Path stdout, Path stderr) {
        this.process = process;
        this.dataDir = dataDir;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code bin/<executable> <args>} (args should name -datadir) and waits for {@code readyFile}. */
    static RunningNode start(Path dataDir, Path readyFile, String executable, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Executable.root().resolve("bin").resolve(executable).toString());
        command.addAll(List.of(args));
        if (command.stream().noneMatch(RunningNode::isP2pOption)) {
            // Core's default listens on the network's port (18444 in regtest): tests running side by side
            // would take it from each other. A test about P2P names its own options.
            command.add("-listen=0");
        }
        Path out = Files.createTempFile("btcmp-node-stdout", ".txt");
        Path err = Files.createTempFile("btcmp-node-stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        RunningNode node = new RunningNode(process, dataDir, out, err);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(NO_HANG_SECONDS);
        while (!Files.exists(readyFile)) {
            if (!process.isAlive()) {
                throw new AssertionError(command + " exited with " + process.exitValue() + " before " + readyFile
                        + " appeared; stderr: " + node.stderr());
            }
            if (System.nanoTime() > deadline) {
                node.close();
                throw new AssertionError(readyFile + " did not appear within " + NO_HANG_SECONDS + " s");
            }
            Thread.sleep(50);
        }
        return node;
    }

    private static boolean isP2pOption(String arg) {
        return arg.startsWith("-listen") || arg.startsWith("-nolisten") || arg.startsWith("-port=")
                || arg.startsWith("-bind=") || arg.startsWith("-connect=");
    }

    /** Starts {@code bin/<executable> <args>} without waiting for anything (e.g. a wallet process). */
    static RunningNode launch(Path dataDir, String executable, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Executable.root().resolve("bin").resolve(executable).toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("btcmp-stdout", ".txt");
        Path err = Files.createTempFile("btcmp-stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new RunningNode(process, dataDir, out, err);
    }

    /** The process, e.g. for its pid or to kill it. */
    Process process() {
        return process;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    Path dataDir() {
        return dataDir;
    }

    /** Waits (bounded) for the process to end and returns its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(NO_HANG_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the node did not exit within " + NO_HANG_SECONDS + " s");
        }
        return process.exitValue();
    }

    /** Sends SIGTERM, as a service manager or Ctrl-C would. */
    void terminate() {
        process.destroy();
    }

    String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
    }
}

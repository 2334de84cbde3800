package org.btcmp.ipc.capnp.proxy;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running {@link PeerMain}, which serves a test Init on a UNIX socket and prints what
 * happens on its side (closes, releases, thread names) as lines starting with EVENT, read here.
 */
final class PeerProcess implements AutoCloseable {
    final Path socket;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private PeerProcess(Path socket, Process process) {
        this.socket = socket;
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("EOF " + e);
            }
        }, "peer-output");
        reader.setDaemon(true);
        reader.start();
    }

    static PeerProcess start(Path dir) throws IOException, InterruptedException {
        Path socket = dir.resolve("peer.sock");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.add("-cp");
        command.add(classPath());
        command.add(PeerMain.class.getName());
        command.add(socket.toString());
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("peer-stderr.log").toFile())).start();
        PeerProcess peer = new PeerProcess(socket, process);
        peer.await("READY", Duration.ofSeconds(60));
        return peer;
    }

    /** Waits for an output line equal to {@code expected} (lines seen before count). */
    String await(String expected, Duration timeout) throws InterruptedException {
        return awaitMatch(l -> l.equals(expected), expected, timeout);
    }

    /** Waits for an output line starting with {@code prefix}; returns the rest of it. */
    String awaitPrefix(String prefix, Duration timeout) throws InterruptedException {
        return awaitMatch(l -> l.startsWith(prefix), prefix, timeout).substring(prefix.length());
    }

    private synchronized String awaitMatch(java.util.function.Predicate<String> match, String what, Duration timeout)
            throws InterruptedException {
        for (int i = 0; i < seen.size(); i++) {
            if (match.test(seen.get(i))) {
                return seen.remove(i);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("the peer printed no line '" + what + "' within " + timeout + "; it printed " + seen
                        + (process.isAlive() ? "" : " and exited with " + process.exitValue()));
            }
            if (match.test(line)) {
                return line;
            }
            seen.add(line);
        }
    }

    /** SIGKILL. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /** Surefire puts the module under test on the module path: the child gets all of it on its class path. */
    private static String classPath() {
        List<String> parts = new ArrayList<>();
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                parts.add(value);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    static Path tempDir() throws IOException {
        return Files.createTempDirectory("proxy-peer");
    }
}

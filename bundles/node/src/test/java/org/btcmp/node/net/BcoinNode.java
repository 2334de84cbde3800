package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.btcmp.testsupport.ExternalTool;
import org.junit.jupiter.api.Assumptions;

/**
 * A bcoin 1.0.2 full node (JavaScript, written independently of Core and of us) on loopback regtest ports with
 * an in-memory chain, driven through its JSON-RPC. Installed once per test class by
 * src/test/scripts/install-bcoin into $BTCMP_BCOIN_DIR (default ~/.cache/btcmp/bcoin-1.0.2).
 */
final class BcoinNode implements AutoCloseable {
    /** bcoin's regtest P2PKH address of the all-zero key hash (computed with bcoin's own Address class). */
    static final String COINBASE_ADDRESS = "R9HC5WtHbpoa51NCUAz86XLCmGTbkf45NT";
    private static final String API_KEY = "btcmp-interop";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Path WATCHDOG = Path.of("src/test/scripts/bcoin-watchdog.js");

    private final Process process;
    private final Path prefix;
    final int p2pPort;
    private final int httpPort;

    private BcoinNode(Process process, Path prefix, int p2pPort, int httpPort) {
        this.process = process;
        this.prefix = prefix;
        this.p2pPort = p2pPort;
        this.httpPort = httpPort;
    }

    /**
     * Installs bcoin if needed and returns its directory, or null after printing why it is unavailable; under
     * CI=true an unavailable bcoin fails instead.
     */
    static Path install() {
        Path dir = Path.of(System.getenv().getOrDefault("BTCMP_BCOIN_DIR",
                System.getProperty("user.home") + "/.cache/btcmp/bcoin-1.0.2"));
        String problem = null;
        try {
            Process p = new ProcessBuilder("bash", "src/test/scripts/install-bcoin", dir.toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                problem = "install-bcoin timed out";
            } else if (p.exitValue() != 0) {
                problem = "install-bcoin failed (exit " + p.exitValue() + "): " + output;
            } else if (new ProcessBuilder("node", "--version").start().waitFor() != 0) {
                problem = "node does not run";
            }
        } catch (IOException e) {
            problem = "cannot run bash/npm/node: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted while installing bcoin";
        }
        if (problem != null) {
            String message = "bcoin 1.0.2 interop tests need node and npm: " + problem;
            if (ExternalTool.inCi()) {
                fail(message + " -- CI=true, so this is a failure, not a skip");
            }
            System.err.println("!!! SKIPPED: MISSING TOOL: " + message);
            unavailable = message;
            return null;
        }
        return dir;
    }

    private static String unavailable;

    /** Skips the calling test, with the reason install() printed, when bcoin could not be installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(unavailable == null, () -> "SKIPPED: " + unavailable);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts bcoin; {@code extra} adds options such as {@code --only=127.0.0.1:port}. */
    static BcoinNode start(Path install, Path prefix, List<String> extra) throws Exception {
        int p2p = freePort();
        int http = freePort();
        // The watchdog runs bcoin in its own process and ends it when this JVM dies.
        List<String> command = new ArrayList<>(List.of("node", WATCHDOG.toAbsolutePath().toString(),
                Long.toString(ProcessHandle.current().pid()),
                install.resolve("node_modules/bcoin/bin/node").toString(), "--network=regtest",
                "--prefix=" + prefix, "--memory=true", "--no-wallet", "--listen=true", "--host=127.0.0.1",
                "--port=" + p2p, "--http-host=127.0.0.1", "--http-port=" + http, "--api-key=" + API_KEY,
                "--log-level=debug", "--coinbase-address=" + COINBASE_ADDRESS));
        command.addAll(extra);
        Files.createDirectories(prefix);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(prefix.resolve("bcoin.out").toFile());
        builder.environment().put("NODE_BACKEND", "js");
        BcoinNode node = new BcoinNode(builder.start(), prefix, p2p, http);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                node.rpc("getblockcount");
                // The HTTP server comes up before the P2P listener; bcoin logs when the latter is ready.
                if (node.output().contains("Pool server listening")) {
                    return node;
                }
                throw new IOException("P2P listener not up yet");
            } catch (IOException e) {
                if (!node.process.isAlive() || System.nanoTime() > deadline) {
                    node.close();
                    throw new IOException("bcoin did not start; its output:\n" + node.output(), e);
                }
                Thread.sleep(200);
            }
        }
    }

    /** The last lines bcoin logged, for failure messages. */
    String outputTail(int lines) {
        try {
            List<String> all = List.of(output().split("\n"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(bcoin's output is unreadable: " + e.getMessage() + ")";
        }
    }

    String output() throws IOException {
        Path out = prefix.resolve("bcoin.out");
        return Files.exists(out) ? Files.readString(out) : "";
    }

    /** Calls a JSON-RPC method; returns the JSON text of its result. Parameters are JSON literals. */
    String rpc(String method, String... params) throws IOException {
        HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + httpPort + "/").openConnection();
        http.setConnectTimeout(5_000);
        http.setReadTimeout(120_000);
        http.setRequestMethod("POST");
        http.setDoOutput(true);
        http.setRequestProperty("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(("x:" + API_KEY).getBytes(StandardCharsets.UTF_8)));
        byte[] body = ("{\"method\":\"" + method + "\",\"params\":[" + String.join(",", params) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = http.getOutputStream()) {
            out.write(body);
        }
        String reply;
        try (InputStream in = http.getResponseCode() < 400 ? http.getInputStream() : http.getErrorStream()) {
            reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("^\\{\"result\":(.*),\"error\":(.*),\"id\":.*\\}\\s*$", Pattern.DOTALL).matcher(reply);
        if (!m.matches() || !m.group(2).equals("null")) {
            throw new IllegalStateException("bcoin " + method + " failed: " + reply);
        }
        return m.group(1);
    }

    /** The bcoin process (for the test that its watchdog ends it with the JVM). */
    ProcessHandle process() {
        return process.toHandle();
    }

    List<String> generate(int blocks) throws IOException {
        String result = rpc("generatetoaddress", Integer.toString(blocks), "\"" + COINBASE_ADDRESS + "\"");
        List<String> hashes = new ArrayList<>();
        Matcher m = Pattern.compile("\"([0-9a-f]{64})\"").matcher(result);
        while (m.find()) {
            hashes.add(m.group(1));
        }
        return hashes;
    }

    String bestBlockHash() throws IOException {
        return rpc("getbestblockhash").replace("\"", "");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(15, TimeUnit.SECONDS);
        }
    }
}

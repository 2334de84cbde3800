package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bcoin dies with the JVM that started it: a child JVM starts bcoin through BcoinNode, is killed with SIGKILL
 * (no shutdown hook runs), and bcoin must be gone within seconds instead of living on with parent 1.
 */
class BcoinWatchdogTest {
    private static Path install;

    @TempDir
    Path temp;

    @BeforeAll
    static void installBcoin() {
        install = BcoinNode.install();
    }

    @BeforeEach
    void requireBcoin() {
        BcoinNode.assumeInstalled();
    }

    /** The directories holding this test's classes (test classes, then main classes), as a class path. */
    private static String classPath() throws Exception {
        Path tests = Path.of(BcoinParentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return tests + File.pathSeparator + tests.resolveSibling("classes");
    }

    @Test
    void bcoinStopsWhenTheJvmThatStartedItIsKilled() {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            String java = ProcessHandle.current().info().command().orElseThrow();
            Process parent = new ProcessBuilder(java, "-cp", classPath(), BcoinParentMain.class.getName(),
                    install.toString(), temp.resolve("bcoin").toString()).redirectErrorStream(true).start();
            ProcessHandle bcoin = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8))) {
                StringBuilder seen = new StringBuilder();
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    seen.append(line).append('\n');
                    if (line.startsWith("BCOIN_PID ")) {
                        bcoin = ProcessHandle.of(Long.parseLong(line.substring(10).trim())).orElseThrow();
                        break;
                    }
                }
                assertTrue(bcoin != null, "the child JVM did not start bcoin:\n" + seen);
                assertTrue(bcoin.isAlive());
                assertTrue(bcoin.parent().map(ProcessHandle::pid).equals(Optional.of(parent.pid())),
                        "bcoin is the child JVM's child");
                parent.destroyForcibly();
                assertTrue(parent.waitFor(30, TimeUnit.SECONDS));
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (bcoin.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertFalse(bcoin.isAlive(), "bcoin outlived the JVM that started it");
            } finally {
                parent.destroyForcibly();
                if (bcoin != null && bcoin.isAlive()) {
                    bcoin.destroyForcibly();
                }
            }
        });
    }

    /** The negative control: while the parent lives, the watchdog leaves bcoin running. */
    @Test
    void bcoinKeepsRunningWhileItsJvmLives() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (BcoinNode bcoin = BcoinNode.start(install, temp.resolve("bcoin"),
                    List.of("--only=127.0.0.1:" + BcoinNode.freePort()))) {
                Thread.sleep(2_000); // four watchdog polls
                assertTrue(bcoin.process().isAlive());
                bcoin.rpc("getblockcount");
            }
        });
    }
}

package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every sync-level bcoin interop test shares: bcoin installed once per class (skipped loudly, or failed under
 * CI, when it cannot be), one of our nodes per test, a bcoin started on demand, both stopped after each test with
 * no net thread left behind, and waits that print bcoin's log when they time out.
 */
abstract class BcoinFixture {
    static final Duration WAIT = Duration.ofSeconds(120);
    /**
     * bcoin 1.0.2's regtest activates segwit by BIP9 signalling (active from height 432 = 3 windows of 144),
     * while Core's regtest, whose rules our node follows, has it from genesis: our blocks carry a coinbase
     * witness that bcoin rejects ("unexpected-witness") below that height. So bcoin's chain goes first.
     */
    static final int BCOIN_SEGWIT_HEIGHT = 432;
    private static Path install;

    @TempDir
    Path temp;

    BcoinNode bcoin;
    SyncNode ours;

    @BeforeAll
    static void installBcoin() {
        install = BcoinNode.install();
    }

    @BeforeEach
    void requireBcoin() throws Exception {
        BcoinNode.assumeInstalled();
        ours = new SyncNode(temp.resolve("ours"));
    }

    @AfterEach
    void stop() throws Exception {
        if (ours != null) {
            ours.close();
        }
        if (bcoin != null) {
            bcoin.close();
        }
        assertEquals(List.of(), NetThreads.alive());
    }

    /** Starts bcoin listening on loopback; it connects out only to the {@code --only} peer given, if any. */
    BcoinNode startBcoin(List<String> extra) throws Exception {
        bcoin = BcoinNode.start(install, temp.resolve("bcoin"), extra);
        return bcoin;
    }

    /** Starts a bcoin that makes no outbound connection of its own (its --only points at a closed port). */
    BcoinNode startBcoin() throws Exception {
        return startBcoin(List.of("--only=127.0.0.1:" + BcoinNode.freePort()));
    }

    InetSocketAddress bcoinAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), bcoin.p2pPort);
    }

    void await(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; bcoin's log ends with:\n"
                        + (bcoin == null ? "(bcoin not started)" : bcoin.outputTail(40)));
            }
            Thread.sleep(100);
        }
    }
}

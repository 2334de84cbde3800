package org.btcmp.node.net;

import java.nio.file.Path;
import java.util.List;

/**
 * A JVM that starts bcoin, prints its pid and waits to be killed: the parent that BcoinWatchdogTest kills -9 to
 * check that bcoin does not outlive it. Arguments: the bcoin install directory and a prefix directory.
 */
final class BcoinParentMain {
    private BcoinParentMain() {
    }

    public static void main(String[] args) throws Exception {
        BcoinNode bcoin = BcoinNode.start(Path.of(args[0]), Path.of(args[1]),
                List.of("--only=127.0.0.1:" + BcoinNode.freePort()));
        System.out.println("BCOIN_PID " + bcoin.process().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

package org.btcmp.node.net;

import java.util.List;

/** The threads the net package starts are all named "net-..."; tests check none outlives its manager. */
final class NetThreads {
    private NetThreads() {
    }

    static List<String> alive() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("net-")).sorted().toList();
    }
}

package org.btcmp.node;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A node that is starting, as a service (btcmp.process=node) from the moment {@link NodeComponent}
 * activates: the node's Init waits on it during warm-up, so a client that connects to the socket before
 * the chain is loaded gets its Chain (or Node, Mining, Rpc) once the node runs, or the failure at once.
 */
public final class NodeStartup {
    private final CountDownLatch ended = new CountDownLatch(1);

    /** The start ended: the node's services are registered, or it failed. */
    void ended() {
        ended.countDown();
    }

    /** Waits (at most {@code millis}) for the start to end. */
    void await(long millis) {
        try {
            ended.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.btcmp.node;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The node's end of {@code -debug=ipc}: the IPC transport hands it one line per call. It is offered from
 * activation, because the node's Init is served while the chain still loads and the first calls (a wallet
 * or GUI connecting) come then; those lines are held, up to a bound, and written to debug.log once the
 * node runs (their timestamps are the time of writing; each line carries its own duration).
 */
final class IpcCallLog implements Consumer<String> {
    private static final String CATEGORY = "ipc";
    private static final int MAX_HELD = 10_000;

    private final ArrayDeque<String> held = new ArrayDeque<>(); // guarded by this
    private BitcoinNode node; // guarded by this
    private boolean closed; // guarded by this

    @Override
    public synchronized void accept(String line) {
        if (node != null) {
            node.debug(CATEGORY, line);
        } else if (!closed && held.size() < MAX_HELD) {
            held.add(line);
        }
    }

    /** The node runs: what was held goes to its log first, in order, then lines go straight there. */
    synchronized void started(BitcoinNode running) {
        node = running;
        while (!held.isEmpty()) {
            running.debug(CATEGORY, held.poll());
        }
    }

    /** The node stops (or never started): nothing more is held or written. */
    synchronized void closed() {
        closed = true;
        node = null;
        held.clear();
    }
}

package org.btcmp.node;

import org.btcmp.interfaces.Echo;

/** Echo as Core's node serves it over IPC: returns its argument until destroyed. */
final class NodeEcho implements Echo {
    private volatile boolean closed;

    @Override
    public String echo(String message) {
        if (closed) {
            throw new IllegalStateException("echo object was destroyed");
        }
        return message;
    }

    @Override
    public void close() {
        closed = true;
    }
}

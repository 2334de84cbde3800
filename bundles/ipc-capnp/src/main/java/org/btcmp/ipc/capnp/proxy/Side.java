package org.btcmp.ipc.capnp.proxy;

import org.btcmp.ipc.capnp.rpc.Capability;

/**
 * The context a {@link Codec} works in: the connection (to wrap received capabilities in proxies of
 * that connection), the message's capability table, and whether the message is a call's results
 * (objects passed in results belong to the receiver, which destroys them; objects passed as params
 * stay the sender's).
 */
public final class Side {
    private final ProxyConnection connection;
    private final CapTable caps;
    private final boolean results;

    Side(ProxyConnection connection, CapTable caps, boolean results) {
        this.connection = connection;
        this.caps = caps;
        this.results = results;
    }

    public ProxyConnection connection() {
        return connection;
    }

    /** Writes {@code value}, an object of interface {@code type}, as a capability; returns its cap-table index. */
    <I> int writeObject(Class<I> type, I value) {
        if (value == null) {
            return caps.add(null);
        }
        if (value instanceof ProxyClient client && client.connection() == connection) {
            return caps.add(client.capability()); // back to where it lives: no proxy of a proxy
        }
        try (Capability cap = connection.export(type, value, results)) {
            return caps.add(cap);
        }
    }

    /** The object at cap-table {@code index}: a proxy, or the local object itself if it came home. */
    <I> I readObject(Class<I> type, int index) {
        Capability cap = caps.get(index);
        return cap == null ? null : connection.wrap(type, cap);
    }
}

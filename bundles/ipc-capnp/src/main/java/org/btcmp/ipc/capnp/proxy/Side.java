package org.btcmp.ipc.capnp.proxy;

import java.util.function.Function;
import org.btcmp.ipc.capnp.rpc.Capability;
import org.btcmp.ipc.capnp.rpc.LocalServers;

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

    /** Whether objects written here belong to the receiver (results), which destroys them when it lets go. */
    boolean ownedByReceiver() {
        return results;
    }

    /**
     * Writes a function as a callback capability: its original capability if it calls a remote callback of
     * this connection ({@code remote}, else null), otherwise a new server for it; returns its cap-table index.
     */
    <F> int writeCallback(F function, CallbackClient remote, Function<ProxyConnection, ProxyServer<F>> server) {
        if (function == null) {
            return caps.add(null);
        }
        if (remote != null && remote.connection() == connection) {
            return caps.add(remote.capability());
        }
        try (Capability cap = Capability.of(server.apply(connection))) {
            return caps.add(cap);
        }
    }

    /** The callback at cap-table {@code index} as a function: the local one itself if it came home. */
    <F> F readCallback(Class<?> type, int index, Function<CallbackClient, F> remote, FunctionCodecs.Callback callback) {
        Capability cap = caps.get(index);
        if (cap == null) {
            return null;
        }
        if (LocalServers.of(cap) instanceof CallbackServer<?> local && type.isInstance(local.impl)) {
            cap.close();
            @SuppressWarnings("unchecked")
            F function = (F) local.impl;
            return function;
        }
        return remote.apply(new CallbackClient(connection, cap, callback));
    }
}

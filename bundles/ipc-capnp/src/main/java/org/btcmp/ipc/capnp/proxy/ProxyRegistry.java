package org.btcmp.ipc.capnp.proxy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.btcmp.ipc.capnp.rpc.Capability;
import org.btcmp.ipc.capnp.rpc.Server;

/**
 * Which generated proxies stand for which Java interface. mpgen writes one registration class per
 * set of schemas; a connection uses the registry it was started with.
 */
public final class ProxyRegistry {
    /** Makes a proxy client of a capability. */
    @FunctionalInterface
    public interface ClientFactory<T> {
        T make(ProxyConnection connection, Capability cap);
    }

    /** Makes the server that serves a local object; {@code owned}: destroyed when the peer lets go. */
    @FunctionalInterface
    public interface ServerFactory<T> {
        Server make(ProxyConnection connection, T impl, boolean owned);
    }

    private record Entry<T>(ClientFactory<? extends T> client, ServerFactory<T> server) {
    }

    private final Map<Class<?>, Entry<?>> entries = new ConcurrentHashMap<>();

    public <T> ProxyRegistry add(Class<T> type, ClientFactory<? extends T> client, ServerFactory<T> server) {
        entries.put(type, new Entry<>(client, server));
        return this;
    }

    /** Everything {@code other} registers, added to this registry. */
    public ProxyRegistry addAll(ProxyRegistry other) {
        entries.putAll(other.entries);
        return this;
    }

    <T> T client(Class<T> type, ProxyConnection connection, Capability cap) {
        return type.cast(entry(type).client().make(connection, cap));
    }

    <T> Server server(Class<T> type, ProxyConnection connection, T impl, boolean owned) {
        return entry(type).server().make(connection, impl, owned);
    }

    @SuppressWarnings("unchecked")
    private <T> Entry<T> entry(Class<T> type) {
        Entry<T> e = (Entry<T>) entries.get(type);
        if (e == null) {
            throw new IllegalArgumentException("no generated proxy for " + type.getName()
                    + ": its schema needs $Java.wraps(\"" + type.getName() + "\")");
        }
        return e;
    }
}

package org.btcmp.ipc.local;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.Server;

/**
 * A name registration in {@link LocalTransport} and the connections made to it: closing it frees the
 * name and ends those connections, so nobody keeps an Init its server stopped serving.
 */
final class LocalServer implements Server {
    private final IpcAddress address;
    private final Init init;
    private final Consumer<LocalServer> unregister;
    private final Set<LocalConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    LocalServer(IpcAddress address, Init init, Consumer<LocalServer> unregister) {
        this.address = address;
        this.init = init;
        this.unregister = unregister;
    }

    @Override
    public IpcAddress address() {
        return address;
    }

    /** A connection to this server's Init; IpcException once the server is closed. */
    LocalConnection connect(Set<LocalConnection> transportConnections) {
        LocalConnection connection = new LocalConnection(init, c -> {
            connections.remove(c);
            transportConnections.remove(c);
        });
        connections.add(connection);
        transportConnections.add(connection);
        if (closed.get()) { // raced with close: do not hand out a connection it missed
            IpcException cause = noLongerServed();
            connection.end(cause);
            throw cause;
        }
        return connection;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            unregister.accept(this);
            IpcException cause = noLongerServed();
            for (LocalConnection connection : connections) {
                connection.end(cause);
            }
        }
    }

    private IpcException noLongerServed() {
        return new IpcException(address + " is no longer served");
    }
}

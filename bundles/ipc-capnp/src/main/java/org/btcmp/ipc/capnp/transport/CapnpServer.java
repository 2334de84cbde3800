package org.btcmp.ipc.capnp.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.Server;

/**
 * An Init served at an address and the connections accepted for it: closing stops accepting and ends
 * those connections, so no peer keeps calling an Init its server stopped serving.
 */
final class CapnpServer implements Server {
    private final IpcAddress address;
    private final AutoCloseable stop;
    private final Set<Connection> accepted = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    CapnpServer(IpcAddress address, AutoCloseable stop) {
        this.address = address;
        this.stop = stop;
    }

    @Override
    public IpcAddress address() {
        return address;
    }

    /** Holds {@code connection} until it ends; one accepted while the server closes ends at once. */
    void accepted(Connection connection) {
        accepted.add(connection);
        if (closed) {
            connection.close();
        } else if (!connection.isOpen()) {
            accepted.remove(connection);
        }
    }

    void ended(Connection connection) {
        accepted.remove(connection);
    }

    @Override
    public void close() {
        closed = true;
        try {
            stop.close();
        } catch (Exception e) {
            // stopping is best effort: the socket file goes with the listener
        }
        for (Connection connection : accepted) {
            connection.close();
        }
        accepted.clear();
    }
}

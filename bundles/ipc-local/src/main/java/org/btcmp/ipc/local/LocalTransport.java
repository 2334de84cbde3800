package org.btcmp.ipc.local;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.Server;
import org.btcmp.ipc.Transport;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Serves and connects {@code local:<name>} addresses inside one JVM. The served Init is handed to
 * the caller as it is: no proxy, no copy. Closing a server ends the connections made to it, and
 * stopping the transport ends every connection it made.
 */
@Component(service = Transport.class, property = Transport.SCHEME_PROPERTY + "=" + IpcAddress.LOCAL)
public final class LocalTransport implements Transport {

    private final Map<String, LocalServer> served = new ConcurrentHashMap<>();
    private final Set<LocalConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    @Override
    public String scheme() {
        return IpcAddress.LOCAL;
    }

    @Override
    public Server serve(IpcAddress address, Init init) {
        checkUsable(address);
        LocalServer server = new LocalServer(address, init, s -> served.remove(address.target(), s));
        if (served.putIfAbsent(address.target(), server) != null) {
            throw new IpcException("address already in use: " + address);
        }
        return server;
    }

    @Override
    public Connection connect(IpcAddress address) {
        checkUsable(address);
        LocalServer server = served.get(address.target());
        if (server == null) {
            throw new IpcException("nothing is served at " + address);
        }
        LocalConnection connection = server.connect(connections);
        if (stopped) { // raced with deactivate: do not hand out a connection it missed
            connection.end(new IpcException("local transport stopped"));
            throw new IpcException("local transport stopped");
        }
        return connection;
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        served.clear();
        IpcException cause = new IpcException("local transport stopped");
        for (LocalConnection connection : connections) {
            connection.end(cause);
        }
    }

    private void checkUsable(IpcAddress address) {
        if (stopped) {
            throw new IpcException("local transport stopped");
        }
        if (!supports(address)) {
            throw new IpcException("the local transport cannot reach " + address + " (only local:<name>)");
        }
    }
}

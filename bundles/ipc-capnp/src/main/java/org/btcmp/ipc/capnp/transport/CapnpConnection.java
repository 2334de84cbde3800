package org.btcmp.ipc.capnp.transport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.ConnectionListener;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.proxy.ProxyConnection;

/**
 * A Cap'n Proto connection as the ipc-api sees it: the peer's Init (a generated proxy) and one end,
 * reported once to every listener. A watcher thread waits for the end, since it may come from the peer.
 */
final class CapnpConnection implements Connection {
    private final ProxyConnection proxies;
    private final Init remoteInit;
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private IpcException endCause; // guarded by this

    CapnpConnection(ProxyConnection proxies, Init remoteInit, Consumer<CapnpConnection> onEnd) {
        this.proxies = proxies;
        this.remoteInit = remoteInit;
        Thread watcher = new Thread(() -> {
            try {
                while (!proxies.awaitClosed(Duration.ofHours(1))) {
                    // still open
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            end(new IpcException("connection " + proxies.name() + " ended"));
            onEnd.accept(this);
        }, "capnp-watch " + proxies.name());
        watcher.setDaemon(true);
        watcher.start();
    }

    @Override
    public Init remoteInit() {
        synchronized (this) {
            if (endCause != null) {
                throw new IpcException("connection ended: " + endCause.getMessage(), endCause);
            }
        }
        return remoteInit;
    }

    @Override
    public boolean isOpen() {
        return proxies.isConnected();
    }

    @Override
    public void addListener(ConnectionListener listener) {
        IpcException cause;
        synchronized (this) {
            cause = endCause;
            if (cause == null) {
                listeners.add(listener);
                return;
            }
        }
        listener.disconnected(cause);
    }

    @Override
    public void close() {
        proxies.close();
    }

    private void end(IpcException cause) {
        synchronized (this) {
            if (endCause != null) {
                return;
            }
            endCause = cause;
        }
        for (ConnectionListener l : listeners) {
            l.disconnected(cause);
        }
        listeners.clear();
    }
}

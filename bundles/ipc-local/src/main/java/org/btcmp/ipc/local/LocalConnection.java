package org.btcmp.ipc.local;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.ConnectionListener;
import org.btcmp.ipc.IpcException;

/** A connection that is the served Init itself; it ends when closed or when its transport stops. */
final class LocalConnection implements Connection {
    private final Init init;
    private final Consumer<LocalConnection> onEnd;
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private IpcException endCause; // guarded by this

    LocalConnection(Init init, Consumer<LocalConnection> onEnd) {
        this.init = init;
        this.onEnd = onEnd;
    }

    @Override
    public Init remoteInit() {
        synchronized (this) {
            if (endCause != null) {
                throw new IpcException("connection ended: " + endCause.getMessage(), endCause);
            }
        }
        return init;
    }

    @Override
    public synchronized boolean isOpen() {
        return endCause == null;
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
        end(new IpcException("connection closed"));
    }

    /** Ends the connection once; later calls do nothing. Listeners run outside the lock. */
    void end(IpcException cause) {
        synchronized (this) {
            if (endCause != null) {
                return;
            }
            endCause = cause;
        }
        onEnd.accept(this);
        for (ConnectionListener listener : listeners) {
            listener.disconnected(cause);
        }
        listeners.clear();
    }
}

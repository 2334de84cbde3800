package org.btcmp.ipc.local;

import java.util.concurrent.atomic.AtomicBoolean;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.Server;

/** A name registration in {@link LocalTransport}; closing it frees the name. */
final class LocalServer implements Server {
    private final IpcAddress address;
    private final Runnable unregister;
    private final AtomicBoolean closed = new AtomicBoolean();

    LocalServer(IpcAddress address, Runnable unregister) {
        this.address = address;
        this.unregister = unregister;
    }

    @Override
    public IpcAddress address() {
        return address;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            unregister.run();
        }
    }
}

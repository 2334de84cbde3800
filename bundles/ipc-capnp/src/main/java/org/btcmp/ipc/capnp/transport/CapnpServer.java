package org.btcmp.ipc.capnp.transport;

import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.Server;

/** An Init served at an address; closing stops accepting (connections already made go on). */
final class CapnpServer implements Server {
    private final IpcAddress address;
    private final AutoCloseable stop;

    CapnpServer(IpcAddress address, AutoCloseable stop) {
        this.address = address;
        this.stop = stop;
    }

    @Override
    public IpcAddress address() {
        return address;
    }

    @Override
    public void close() {
        try {
            stop.close();
        } catch (Exception e) {
            // stopping is best effort: the socket file goes with the listener
        }
    }
}

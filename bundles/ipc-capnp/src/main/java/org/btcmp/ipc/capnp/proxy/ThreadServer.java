package org.btcmp.ipc.capnp.proxy;

import org.btcmp.ipc.capnp.rpc.CallContext;
import org.btcmp.ipc.capnp.rpc.RawStruct;
import org.btcmp.ipc.capnp.rpc.Server;

/**
 * proxy.capnp's Thread: a Java thread the peer addresses calls to (in a Context). Either a server
 * thread made by makeThread, which exists for its peer and ends when released, or an ordinary thread
 * of this process that passed itself as a callbackThread and serves callbacks while it waits.
 */
final class ThreadServer implements Server {
    static final long INTERFACE_ID = 0x81c1e2600d0b56c5L;
    final Mailbox mailbox;
    private final String name;
    private final boolean dedicated;

    ThreadServer(Mailbox mailbox, String name, boolean dedicated) {
        this.mailbox = mailbox;
        this.name = name;
        this.dedicated = dedicated;
    }

    /** Never waits: getName answers at once. */
    @Override
    public boolean dispatchesWithoutBlocking(long interfaceId, short methodId) {
        return true;
    }

    @Override
    public void dispatch(long interfaceId, short methodId, CallContext context) {
        if (interfaceId != INTERFACE_ID || methodId != 0) {
            throw Server.unimplemented(interfaceId, methodId);
        }
        RawStruct.Builder results = context.results().initAs(RawStruct.factory(0, 1));
        results.setText(0, name);
    }

    @Override
    public void released() {
        if (dedicated) {
            mailbox.stop();
        }
    }
}

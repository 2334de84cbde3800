package org.btcmp.ipc.capnp.proxy;

import org.btcmp.ipc.capnp.rpc.CallContext;
import org.btcmp.ipc.capnp.rpc.Capability;
import org.btcmp.ipc.capnp.rpc.RawStruct;
import org.btcmp.ipc.capnp.rpc.Server;

/**
 * proxy.capnp's ThreadMap: makeThread starts a server thread for one client thread of the peer; all
 * calls that name it in their Context run there, in order. makePool is accepted and ignored (server
 * threads are made per client thread).
 */
final class ThreadMapServer implements Server {
    static final long INTERFACE_ID = 0xee5e37179ad9dc9dL;
    private final String connectionName;

    ThreadMapServer(String connectionName) {
        this.connectionName = connectionName;
    }

    /** Never waits: makeThread starts a thread and answers at once. */
    @Override
    public boolean dispatchesWithoutBlocking(long interfaceId, short methodId) {
        return true;
    }

    @Override
    public void dispatch(long interfaceId, short methodId, CallContext context) {
        if (interfaceId != INTERFACE_ID) {
            throw Server.unimplemented(interfaceId, methodId);
        }
        switch (methodId) {
            case 0 -> makeThread(context);
            case 1 -> context.results().initAs(RawStruct.factory(0, 0));
            default -> throw Server.unimplemented(interfaceId, methodId);
        }
    }

    private void makeThread(CallContext context) {
        String name = context.params().getAs(RawStruct.ANY).getText(0);
        Mailbox mailbox = new Mailbox();
        String threadName = "capnp-mapped " + (name == null ? "" : name) + " for " + connectionName;
        ThreadServer server = new ThreadServer(mailbox, threadName, true);
        Thread thread = new Thread(() -> {
            ThreadContext.adopt(mailbox, server);
            mailbox.serve();
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        try (Capability cap = Capability.of(server)) {
            RawStruct.Builder results = context.results().initAs(RawStruct.factory(0, 1));
            results.setCap(0, context.addResultCap(cap));
        }
    }
}

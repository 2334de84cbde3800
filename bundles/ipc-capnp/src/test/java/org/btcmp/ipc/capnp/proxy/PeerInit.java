package org.btcmp.ipc.capnp.proxy;

import java.util.concurrent.atomic.AtomicInteger;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.Echo;
import org.btcmp.interfaces.Init;

/** The peer's Init: numbered Echos that report their close, and a {@link PeerChain}. */
final class PeerInit implements Init {
    private static final AtomicInteger ECHOS = new AtomicInteger();

    @Override
    public Echo makeEcho() {
        int id = ECHOS.incrementAndGet();
        PeerMain.emit("EVENT echo-made " + id);
        return new Echo() {
            private volatile boolean closed;

            @Override
            public String echo(String message) {
                if (closed) {
                    throw new IllegalStateException("echo " + id + " is closed");
                }
                return message + " #" + id;
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    PeerMain.emit("EVENT echo-closed " + id);
                }
            }
        };
    }

    @Override
    public Chain makeChain() {
        return new PeerChain();
    }
}

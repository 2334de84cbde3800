package org.btcmp.ipc;

import org.osgi.annotation.versioning.ConsumerType;

/** Hears of the end of a {@link Connection}. */
@ConsumerType
@FunctionalInterface
public interface ConnectionListener {

    /**
     * Called exactly once per registration, when the connection ends, with why it ended (a
     * local close says so too). Must not block: it runs on the transport's thread.
     */
    void disconnected(IpcException cause);
}

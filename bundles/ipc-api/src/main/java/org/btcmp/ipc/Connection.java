package org.btcmp.ipc;

import org.btcmp.interfaces.Init;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A connection to a peer's {@link Init}. It starts open and ends exactly once: when this side
 * closes it, the peer goes away, or the transport stops. After that, calls on objects obtained
 * through it fail with {@link IpcException}.
 */
@ProviderType
public interface Connection extends AutoCloseable {

    /** The peer's Init, the root of every object reached over this connection. */
    Init remoteInit();

    boolean isOpen();

    /**
     * Registers {@code listener} to hear of the end of this connection. A listener added after the
     * end is called at once, on the caller's thread.
     */
    void addListener(ConnectionListener listener);

    /** Ends the connection, releasing everything it holds on both sides. Idempotent. */
    @Override
    void close();
}

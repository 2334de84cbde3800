package org.btcmp.interfaces;

import org.osgi.annotation.versioning.ProviderType;

/** A registration (notification handler, RPC command) that lasts until disconnected, as Core's interfaces::Handler. */
@ProviderType
public interface Handler extends AutoCloseable {
    /** Stops the registration; later calls are harmless. */
    void disconnect();

    @Override
    default void close() {
        disconnect();
    }
}

package org.btcmp.ipc;

import org.osgi.annotation.versioning.ProviderType;

/** An {@link org.btcmp.interfaces.Init} being served at an address; closing it stops serving. */
@ProviderType
public interface Server extends AutoCloseable {

    IpcAddress address();

    /** Stops accepting connections at {@link #address()}. Idempotent. */
    @Override
    void close();
}

package org.btcmp.ipc;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An {@link org.btcmp.interfaces.Init} being served at an address; closing it stops serving. Whoever
 * serves an Init closes its server when that Init goes away (e.g. its OSGi component is disposed), and
 * the connections end with it, so a peer never keeps calling a dead instance.
 */
@ProviderType
public interface Server extends AutoCloseable {

    IpcAddress address();

    /**
     * Stops accepting connections at {@link #address()} and ends every connection made to it: their
     * listeners hear {@link IpcException} and later calls through them throw it. Idempotent.
     */
    @Override
    void close();
}

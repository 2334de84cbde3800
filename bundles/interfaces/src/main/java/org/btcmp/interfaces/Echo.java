package org.btcmp.interfaces;

import org.osgi.annotation.versioning.ProviderType;

/** A test interface that returns what it is given; proves a connection works end to end. */
@ProviderType
public interface Echo extends AutoCloseable {

    /** Returns {@code message} unchanged. */
    String echo(String message);

    /**
     * Releases this object (libmultiprocess's {@code destroy}); calls after it fail with
     * {@link IllegalStateException}. Closing twice is harmless.
     */
    @Override
    void close();
}

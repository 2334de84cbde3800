package org.btcmp.common.init;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The process a component runs in, as the launcher offers it in the service registry: the node's
 * {@code stop} RPC asks it to shut down, a component that cannot start reports why. Without it
 * (a test container) a component just stops itself.
 */
@ProviderType
public interface ProcessControl {

    /** Shuts the whole process down cleanly; it then exits 0. Returns at once. */
    void requestShutdown();

    /**
     * A component could not start: the process prints {@code Error: <message>} (one line, on
     * stderr), shuts down and exits 1. Returns at once.
     */
    void initError(String message);
}

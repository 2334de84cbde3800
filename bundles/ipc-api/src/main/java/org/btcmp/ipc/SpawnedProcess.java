package org.btcmp.ipc;

import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/** A child started by a {@link ProcessSpawner}, and the connection to it. */
@ProviderType
public interface SpawnedProcess extends AutoCloseable {

    /** The connection to the Init the child serves on the inherited socket. */
    Connection connection();

    /** The child, for its pid, liveness and exit. */
    ProcessHandle process();

    /**
     * Completes with the child's exit status once it has ended and been reaped: its exit code, or 128 + the
     * signal number that ended it (as a shell reports it).
     */
    CompletableFuture<Integer> exitStatus();

    /** Closes the connection; a child whose only connection ends is expected to exit. */
    @Override
    void close();
}

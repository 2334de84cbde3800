package org.btcmp.ipc;

import java.util.List;
import java.util.function.IntFunction;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Starts a child process connected to this one through one end of a socket pair that the child
 * inherits as a file descriptor (Bitcoin Core's {@code -ipcfd=N}). Provided only by socket transports,
 * as a separate OSGi service.
 */
@ProviderType
public interface ProcessSpawner {

    /**
     * Starts the command that {@code commandForFd} builds for the inherited descriptor's number and
     * connects to the {@code Init} the child serves on it.
     *
     * @throws IpcException if the child cannot be started or does not answer
     */
    SpawnedProcess spawn(IntFunction<List<String>> commandForFd);
}

package org.btcmp.gui.run;

import org.btcmp.interfaces.Node;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.SpawnedProcess;

/**
 * One connection to a node: its {@link Node}, the connection it came through, and the bitcoin-node
 * this process started for it (null when the node was already running, here or behind a socket).
 */
record NodeLink(Node node, Connection connection, SpawnedProcess spawned, String where) implements AutoCloseable {

    /** Closes the connection (a spawned node then sees its GUI gone and shuts down). */
    @Override
    public void close() {
        connection.close();
    }
}

package org.btcmp.gui.run;

import java.util.Optional;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.ProcessSpawner;
import org.btcmp.ipc.Transport;

/** The IPC services registered in this process at the moment of asking; they come and go. */
interface NodeServices {

    /** A transport that can reach {@code address}, if one is registered. */
    Optional<Transport> transportFor(IpcAddress address);

    /** Where a node running in this process serves its Init (bitcoin-qt), if one does yet. */
    Optional<IpcAddress> inProcessNode();

    /** What starts a bitcoin-node on an inherited socket, if a socket transport is installed. */
    Optional<ProcessSpawner> spawner();
}

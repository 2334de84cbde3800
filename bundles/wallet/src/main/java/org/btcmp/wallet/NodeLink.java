package org.btcmp.wallet;

import org.btcmp.interfaces.Init;
import org.btcmp.ipc.IpcAddress;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The wallet's way to the node. It follows the IPC transport registered at the moment: when the
 * transport goes, calls fail with {@link org.btcmp.ipc.IpcException}; when one comes back, the next
 * call reconnects. The link itself, and the wallet around it, stay up throughout.
 */
@ProviderType
public interface NodeLink {

    /**
     * The node's Init through the current transport, connecting if needed.
     *
     * @throws org.btcmp.ipc.IpcException if no transport is registered or the node cannot be reached
     */
    Init node();

    /** Whether a transport that can reach the node is registered now. */
    boolean transportAvailable();

    /** How many connections to the node this link has made since it started. */
    long connectionsMade();

    /** Where the node is reached through the current transport; its scheme names the transport. */
    IpcAddress nodeAddress();
}

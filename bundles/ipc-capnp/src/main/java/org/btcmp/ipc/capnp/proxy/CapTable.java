package org.btcmp.ipc.capnp.proxy;

import org.btcmp.ipc.capnp.rpc.Capability;

/** The capability table of the message being read or written. */
interface CapTable {
    /** Adds a handle of {@code cap} (the table takes its own) and returns its index. */
    int add(Capability cap);

    /** A handle of entry {@code index}, owned by the caller; null for index -1 or a null entry. */
    Capability get(int index);
}

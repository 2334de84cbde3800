package org.btcmp.ipc.capnp.rpc;

/**
 * A capability of ours the peer holds references to: how many it has received and not released. Most
 * are local objects; a promise (sent as senderPromise, resolved later with Resolve) or another
 * connection's capability is exported too, and calls on it are passed on.
 */
final class Export {
    int id;
    final CapTarget target;
    int refCount;

    Export(CapTarget target) {
        this.target = target;
    }
}

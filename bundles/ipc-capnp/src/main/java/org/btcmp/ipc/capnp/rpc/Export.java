package org.btcmp.ipc.capnp.rpc;

/** A local object the peer holds references to: how many it has received and not released. */
final class Export {
    int id;
    final LocalTarget target;
    int refCount;

    Export(LocalTarget target) {
        this.target = target;
    }
}

package org.btcmp.ipc.capnp.rpc;

/** An object of the peer's that we hold: how many times it was sent to us (what Release must give back). */
final class Import {
    final int id;
    final ImportTarget target;
    int remoteRefs;

    Import(int id, ImportTarget target) {
        this.id = id;
        this.target = target;
    }
}

package org.btcmp.ipc.capnp.rpc;

/** A capability the peer exported to us: calls address it by its export id. */
final class ImportTarget extends CapTarget {
    final RpcConnection connection;
    final int importId;

    ImportTarget(RpcConnection connection, int importId) {
        this.connection = connection;
        this.importId = importId;
    }

    @Override
    RemotePromise send(Request request) {
        return connection.sendCall(request, target -> target.setImportedCap(importId));
    }

    @Override
    void dropped() {
        connection.releaseImport(this);
    }
}

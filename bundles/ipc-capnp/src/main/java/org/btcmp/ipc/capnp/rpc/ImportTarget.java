package org.btcmp.ipc.capnp.rpc;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A capability the peer exported to us: calls address it by its export id. If it is a promise that
 * the peer resolves to one of our own objects, calls go to that object here instead, once the calls
 * already sent to the peer have come back (the embargo). The connection's lock guards the fields.
 */
final class ImportTarget extends CapTarget {
    final RpcConnection connection;
    final int importId;
    /** Our own object this promise resolved to (a handle kept while needed); null otherwise. */
    Capability resolution;
    /** Calls made while the embargo holds, in order; null when none holds. */
    List<EmbargoedCall> embargoed;

    /** A call held back by an embargo: delivered, and its promise completed, when the embargo lifts. */
    record EmbargoedCall(Request request, CompletableFuture<RemotePromise> later) {
    }

    ImportTarget(RpcConnection connection, int importId) {
        this.connection = connection;
        this.importId = importId;
    }

    @Override
    RemotePromise send(Request request) {
        return connection.callImport(this, request);
    }

    @Override
    void dropped() {
        connection.releaseImport(this);
    }
}

package org.btcmp.interfaces;

import org.osgi.annotation.versioning.ProviderType;

/** The node's JSON-RPC server reached over IPC instead of HTTP, as Core's interfaces::Rpc. */
@ProviderType
public interface Rpc {
    /**
     * Runs a JSON-RPC request (one object or a batch, as JSON text) for the request path {@code uri}
     * ("/" or "/wallet/<name>") on behalf of {@code user}, and returns the JSON reply the HTTP server
     * would send for it: errors come back inside the reply, as over HTTP.
     */
    String executeRpc(String request, String uri, String user);
}

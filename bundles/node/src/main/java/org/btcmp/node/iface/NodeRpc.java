package org.btcmp.node.iface;

import org.btcmp.interfaces.Rpc;
import org.btcmp.node.BitcoinNode;

/** {@link Rpc}: the running node's JSON-RPC server for callers over IPC (they are local: no HTTP auth). */
public final class NodeRpc implements Rpc {
    private final BitcoinNode node;

    public NodeRpc(BitcoinNode node) {
        this.node = node;
    }

    @Override
    public String executeRpc(String request, String uri, String user) {
        if (uri == null || uri.isEmpty()) {
            uri = "/";
        }
        return node.executeRpc(request, uri);
    }
}

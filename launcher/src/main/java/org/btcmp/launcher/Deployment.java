package org.btcmp.launcher;

import java.util.List;

/**
 * A deployment: the bundles of ours that one process installs, by file name in the launcher's bundle
 * folder. Every deployment also gets the library layer (third-party bundles such as the DS runtime);
 * the interfaces, ipc-api and common packages come from the launcher's class path (see
 * {@link Framework}). Which executable runs is only ever a choice among these lists.
 */
record Deployment(String name, List<String> bundles) {

    /** Node and wallet in one process over the in-process transport (Core's bitcoind). */
    static final Deployment MONOLITHIC = new Deployment("monolithic",
            List.of("primitives.jar", "ipc-local.jar", "node.jar", "wallet.jar"));

    /**
     * bitcoin-node: the node, its JSON-RPC server, and the Cap'n Proto transport that serves the
     * node's Init on the sockets -ipcbind names.
     */
    static final Deployment NODE = new Deployment("node", List.of("primitives.jar", "ipc-capnp.jar", "node.jar"));

    /**
     * bitcoin-wallet as a process: the wallet and the Cap'n Proto transport that reaches the node
     * (-ipcconnect) or the node that started it (-ipcfd).
     */
    static final Deployment WALLET = new Deployment("wallet", List.of("primitives.jar", "ipc-capnp.jar", "wallet.jar"));

    /** bitcoin-qt: node, wallet and GUI in one process over the in-process transport. */
    static final Deployment MONOLITHIC_GUI = new Deployment("monolithic GUI",
            List.of("primitives.jar", "ipc-local.jar", "node.jar", "wallet.jar", "gui.jar"));

    /**
     * bitcoin-gui: the GUI and the Cap'n Proto transport that reaches a running node (-ipcconnect) or
     * starts bitcoin-node on an inherited socket.
     */
    static final Deployment GUI = new Deployment("gui", List.of("ipc-capnp.jar", "gui.jar"));

    /** This deployment without {@code bundle} (e.g. -disablewallet leaves out wallet.jar). */
    Deployment without(String bundle) {
        return new Deployment(name + " without " + bundle, bundles.stream().filter(b -> !b.equals(bundle)).toList());
    }
}

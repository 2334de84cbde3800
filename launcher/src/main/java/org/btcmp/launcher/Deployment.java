package org.btcmp.launcher;

import java.util.List;

/**
 * A deployment: the bundles of ours that one process installs, by file name in the launcher's bundle
 * folder. Every deployment also gets the library layer (third-party bundles such as the DS runtime);
 * the interfaces and ipc-api packages come from the launcher's class path (see {@link Framework}).
 */
record Deployment(String name, List<String> bundles) {

    /** Node and wallet in one process over the in-process transport (Core's bitcoind). */
    static final Deployment MONOLITHIC = new Deployment("monolithic",
            List.of("primitives.jar", "ipc-local.jar", "node.jar", "wallet.jar"));
}

package org.btcmp.launcher;

import java.util.List;

/**
 * A deployment: the bundles one process installs, by file name in the launcher's bundle folder.
 * The interfaces and ipc-api packages come from the launcher's class path (see {@link Framework}),
 * so no deployment lists them.
 */
record Deployment(String name, List<String> bundles) {

    private static final List<String> DECLARATIVE_SERVICES = List.of(
            "org.osgi.util.function.jar",
            "org.osgi.util.promise.jar",
            "org.osgi.service.component.jar",
            "org.apache.felix.scr.jar");

    /** Node and wallet in one process over the in-process transport (Core's bitcoind). */
    static final Deployment MONOLITHIC = new Deployment("monolithic", concat(DECLARATIVE_SERVICES,
            List.of("primitives.jar", "ipc-local.jar", "node.jar", "wallet.jar")));

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}

package org.btcmp.launcher;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The architecture's dependency rules (DESIGN.md), checked on module descriptors:
 * <ul>
 * <li>only ipc-capnp, mpgen and the runtime wrapper may read Cap'n Proto;</li>
 * <li>node, wallet and gui reach transports through ipc-api only, never a transport bundle;</li>
 * <li>node and wallet never read each other;</li>
 * <li>interfaces reads nothing but the JDK's base module (annotations at compile time aside).</li>
 * </ul>
 */
final class ModuleRules {
    /** Module names Cap'n Proto's runtime goes by: our wrapper, and the upstream jar's automatic name. */
    static final Set<String> CAPNPROTO = Set.of("org.capnproto", "runtime");
    static final Set<String> MAY_READ_CAPNPROTO = Set.of("org.btcmp.ipc.capnp", "org.btcmp.mpgen", "org.capnproto");
    static final Set<String> TRANSPORTS = Set.of("org.btcmp.ipc.local", "org.btcmp.ipc.capnp");
    static final Set<String> TRANSPORT_AGNOSTIC = Set.of("org.btcmp.node", "org.btcmp.wallet", "org.btcmp.gui");
    static final String NODE = "org.btcmp.node";
    static final String WALLET = "org.btcmp.wallet";
    static final String INTERFACES = "org.btcmp.interfaces";

    private ModuleRules() {
    }

    /** Every broken rule, one line each naming the module and what it may not read; empty if none. */
    static List<String> violations(Collection<ModuleDescriptor> modules) {
        List<String> found = new ArrayList<>();
        for (ModuleDescriptor module : modules) {
            String name = module.name();
            for (ModuleDescriptor.Requires requires : module.requires()) {
                String target = requires.name();
                if (CAPNPROTO.contains(target) && !MAY_READ_CAPNPROTO.contains(name)) {
                    found.add(name + " requires " + target + ": only ipc-capnp, mpgen and the runtime wrapper may read Cap'n Proto");
                }
                if (TRANSPORT_AGNOSTIC.contains(name) && TRANSPORTS.contains(target)) {
                    found.add(name + " requires transport " + target + ": reach transports through org.btcmp.ipc and the service registry");
                }
                if ((name.equals(NODE) && target.equals(WALLET)) || (name.equals(WALLET) && target.equals(NODE))) {
                    found.add(name + " requires " + target + ": node and wallet meet only through org.btcmp.interfaces");
                }
                boolean compileTimeOnly = requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC);
                if (name.equals(INTERFACES) && !target.equals("java.base") && !compileTimeOnly) {
                    found.add(name + " requires " + target + ": interfaces may use no IPC or third-party types");
                }
            }
        }
        return found;
    }
}

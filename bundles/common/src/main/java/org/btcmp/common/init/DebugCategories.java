package org.btcmp.common.init;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The logging categories {@code -debug=<category>} takes, with Core's names and message for others. */
public final class DebugCategories {
    /** Core v31's categories (logging.cpp); {@code ipc} logs each IPC call. */
    public static final Set<String> KNOWN = Set.of("net", "tor", "mempool", "http", "bench", "zmq", "walletdb", "rpc",
            "estimatefee", "addrman", "selectcoins", "reindex", "cmpctblock", "rand", "prune", "proxy", "mempoolrej",
            "libevent", "coindb", "qt", "leveldb", "validation", "i2p", "ipc", "lock", "blockstorage", "txreconciliation",
            "scan", "txpackages", "kernel", "privatebroadcast");

    private DebugCategories() {
    }

    /**
     * The categories enabled by the values of {@code -debug} (in order): {@code 1} or {@code all}
     * enables every one, {@code 0} or {@code none} disables what came before.
     *
     * @throws IllegalArgumentException with Core's message for an unknown category
     */
    public static Set<String> enabled(List<String> values) {
        Set<String> enabled = new LinkedHashSet<>();
        for (String value : values) {
            switch (value) {
                case "", "1", "all" -> enabled.addAll(KNOWN.stream().sorted().toList());
                case "0", "none" -> enabled.clear();
                default -> {
                    if (!KNOWN.contains(value)) {
                        throw new IllegalArgumentException("Unsupported logging category -debug=" + value + ".");
                    }
                    enabled.add(value);
                }
            }
        }
        return enabled;
    }
}

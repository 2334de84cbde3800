package org.btcmp.node.rpc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Core's debug log categories: which ones are on decides which debug lines reach debug.log
 * ({@code -debug=<category>} at startup, the {@code logging} RPC at run time).
 */
public final class LogCategories {
    /** Core v31's category names in its logging RPC order. */
    public static final List<String> NAMES = List.of("net", "tor", "mempool", "http", "bench", "zmq", "walletdb",
            "rpc", "estimatefee", "addrman", "selectcoins", "reindex", "cmpctblock", "rand", "prune", "proxy",
            "mempoolrej", "libevent", "coindb", "qt", "leveldb", "validation", "i2p", "ipc", "blockstorage",
            "txreconciliation", "scan", "txpackages");

    private final Set<String> enabled = ConcurrentHashMap.newKeySet();

    public boolean isEnabled(String category) {
        return enabled.contains(category);
    }

    /** Turns {@code name} on or off; "all"/"1" mean every category, "none"/"0" none; unknown names throw. */
    public void set(String name, boolean on) {
        List<String> which = switch (name) {
            case "", "1", "all" -> NAMES;
            case "0", "none" -> List.of();
            default -> {
                if (!NAMES.contains(name)) {
                    throw new IllegalArgumentException("unknown logging category " + name);
                }
                yield List.of(name);
            }
        };
        if (on) {
            enabled.addAll(which);
        } else {
            which.forEach(enabled::remove);
        }
    }

    /** Every category with whether it is on, as the logging RPC returns them. */
    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        NAMES.forEach(n -> m.put(n, enabled.contains(n)));
        return m;
    }
}

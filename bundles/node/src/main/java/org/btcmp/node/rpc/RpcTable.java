package org.btcmp.node.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The registered commands (Core's CRPCTable); other components may add theirs (a wallet through Chain). */
public final class RpcTable {
    private final Map<String, RpcMethod> methods = new LinkedHashMap<>();

    public synchronized void register(RpcMethod m) {
        methods.put(m.name(), m);
    }

    public synchronized void unregister(String name) {
        methods.remove(name);
    }

    public synchronized RpcMethod get(String name) {
        return methods.get(name);
    }

    public synchronized List<RpcMethod> all() {
        return new ArrayList<>(methods.values());
    }

    /** {@code help} without a command: the commands grouped by category, as Core lists them. */
    public synchronized String overview() {
        Map<String, List<String>> byCategory = new TreeMap<>();
        for (RpcMethod m : methods.values()) {
            byCategory.computeIfAbsent(m.category(), c -> new ArrayList<>()).add(m.usage());
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, List<String>> e : byCategory.entrySet()) {
            if (b.length() > 0) {
                b.append('\n');
            }
            String c = e.getKey();
            b.append("== ").append(Character.toUpperCase(c.charAt(0))).append(c.substring(1)).append(" ==\n");
            e.getValue().stream().sorted().forEach(u -> b.append(u).append('\n'));
        }
        return b.toString().stripTrailing();
    }
}

package org.btcmp.node.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The registered commands (Core's CRPCTable); other components may add theirs (a wallet through Chain). */
public final class RpcTable {
    private final Map<String, RpcMethod> methods = new LinkedHashMap<>();
    private final RpcProviders provided = new RpcProviders(this);
    /** Commands running now (getrpcinfo's active_commands): call id to {method, start in ns}. */
    private final Map<Long, Object[]> active = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong nextCall = new java.util.concurrent.atomic.AtomicLong();

    /** Records that {@code method} started; returns the id to pass to {@link #finished}. */
    public long started(String method) {
        long id = nextCall.incrementAndGet();
        active.put(id, new Object[] {method, System.nanoTime()});
        return id;
    }

    public void finished(long call) {
        active.remove(call);
    }

    /** The running commands with their durations so far in microseconds, oldest first. */
    public List<Map<String, Object>> activeCommands() {
        long now = System.nanoTime();
        List<Map<String, Object>> out = new ArrayList<>();
        new java.util.TreeMap<>(active).values().forEach(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", a[0]);
            m.put("duration", (now - (Long) a[1]) / 1000);
            out.add(m);
        });
        return out;
    }

    /** The commands other components (wallet processes) add, routed among them by name and wallet. */
    public RpcProviders provided() {
        return provided;
    }

    public synchronized void register(RpcMethod m) {
        methods.put(m.name(), m);
    }

    public synchronized void unregister(String name) {
        methods.remove(name);
    }

    /** Removes {@code m} if it is still the command registered under its name (a newer one stays). */
    public synchronized void unregister(RpcMethod m) {
        methods.remove(m.name(), m);
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
            if (m.category().equals("hidden")) {
                continue; // as Core: test-only commands answer "help <name>" but are not listed
            }
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

package org.btcmp.node.chain;

import java.util.ArrayDeque;
import java.util.Arrays;

/** A small flow network with Dinic's maximum flow, for the closures {@link Linearizer} looks for. */
final class FlowNetwork {
    /** A capacity no cut may take: a parent edge. */
    static final long UNBOUNDED = Long.MAX_VALUE / 4;

    private final int nodes;
    private int[] head;
    private int[] next = new int[16];
    private int[] to = new int[16];
    private long[] capacity = new long[16];
    private int edges;
    private int[] level;
    private int[] cursor;

    FlowNetwork(int nodes) {
        this.nodes = nodes;
        head = new int[nodes];
        Arrays.fill(head, -1);
    }

    /** An edge {@code from → to} with {@code cap}, and its residual twin. */
    void add(int from, int target, long cap) {
        link(from, target, cap);
        link(target, from, 0);
    }

    private void link(int from, int target, long cap) {
        if (edges == to.length) {
            next = Arrays.copyOf(next, edges * 2);
            to = Arrays.copyOf(to, edges * 2);
            capacity = Arrays.copyOf(capacity, edges * 2);
        }
        to[edges] = target;
        capacity[edges] = cap;
        next[edges] = head[from];
        head[from] = edges++;
    }

    long maxFlow(int source, int sink) {
        long total = 0;
        level = new int[nodes];
        cursor = new int[nodes];
        while (levels(source, sink)) {
            System.arraycopy(head, 0, cursor, 0, nodes);
            long pushed;
            while ((pushed = push(source, sink, Long.MAX_VALUE)) > 0) {
                total += pushed;
            }
        }
        return total;
    }

    private boolean levels(int source, int sink) {
        Arrays.fill(level, -1);
        level[source] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(source);
        while (!queue.isEmpty()) {
            int v = queue.poll();
            for (int e = head[v]; e >= 0; e = next[e]) {
                if (capacity[e] > 0 && level[to[e]] < 0) {
                    level[to[e]] = level[v] + 1;
                    queue.add(to[e]);
                }
            }
        }
        return level[sink] >= 0;
    }

    private long push(int v, int sink, long limit) {
        if (v == sink) {
            return limit;
        }
        for (; cursor[v] >= 0; cursor[v] = next[cursor[v]]) {
            int e = cursor[v];
            if (capacity[e] > 0 && level[to[e]] == level[v] + 1) {
                long got = push(to[e], sink, Math.min(limit, capacity[e]));
                if (got > 0) {
                    capacity[e] -= got;
                    capacity[e ^ 1] += got;
                    return got;
                }
            }
        }
        return 0;
    }

    /** Nodes reachable from {@code source} along edges with capacity left (the source side of a minimum cut). */
    boolean[] reachableFrom(int source) {
        boolean[] seen = new boolean[nodes];
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.add(source);
        seen[source] = true;
        while (!todo.isEmpty()) {
            int v = todo.poll();
            for (int e = head[v]; e >= 0; e = next[e]) {
                if (capacity[e] > 0 && !seen[to[e]]) {
                    seen[to[e]] = true;
                    todo.add(to[e]);
                }
            }
        }
        return seen;
    }
}

package org.btcmp.node.chain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Optimal chunking of a transaction graph, the result Core v31's cluster linearization reaches:
 * repeatedly the highest-feerate set of remaining transactions that holds every remaining
 * parent of its members. That set is a maximum-density closure, found by Dinkelbach's method
 * over minimum cuts (fee − λ·size per transaction, a parent edge of unbounded capacity). The
 * chunks' feerates never rise, so their diagram is the best any topological order reaches.
 * Transactions are indexes 0..n-1; components are chunked separately and their chunks merged
 * by feerate, so the work stays per cluster.
 */
final class Linearizer {
    /** A chunk: members in topological order, with their total fee and size. */
    record Chunk(List<Integer> members, long fee, long size) {
    }

    private final long[] fee;
    private final long[] size;
    private final int[][] parents;
    private final int[][] children;

    /** {@code parents[i]} lists the indexes transaction {@code i} spends from (within the graph). */
    Linearizer(long[] fee, long[] size, int[][] parents) {
        this.fee = fee;
        this.size = size;
        this.parents = parents;
        int n = fee.length;
        List<List<Integer>> kids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            kids.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (int p : parents[i]) {
                kids.get(p).add(i);
            }
        }
        children = new int[n][];
        for (int i = 0; i < n; i++) {
            children[i] = kids.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Compares feerates fee1/size1 and fee2/size2 exactly (128-bit cross products). */
    static int compareRate(long fee1, long size1, long fee2, long size2) {
        long a = fee1 * size2;
        long b = fee2 * size1;
        int c = Long.compare(Math.multiplyHigh(fee1, size2), Math.multiplyHigh(fee2, size1));
        return c != 0 ? c : Long.compareUnsigned(a, b);
    }

    /** All chunks, highest feerate first; within equal feerates, a component's chunks keep their order. */
    List<Chunk> chunks() {
        List<Chunk> all = new ArrayList<>();
        for (int[] component : components()) {
            all.addAll(chunk(component));
        }
        all.sort((x, y) -> compareRate(y.fee(), y.size(), x.fee(), x.size()));
        return all;
    }

    /** Connected components through parent and child links, each in index order. */
    List<int[]> components() {
        int n = fee.length;
        boolean[] seen = new boolean[n];
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start < n; start++) {
            if (seen[start]) {
                continue;
            }
            List<Integer> comp = new ArrayList<>();
            ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(start));
            seen[start] = true;
            while (!todo.isEmpty()) {
                int i = todo.pop();
                comp.add(i);
                for (int[] links : new int[][] {parents[i], children[i]}) {
                    for (int j : links) {
                        if (!seen[j]) {
                            seen[j] = true;
                            todo.push(j);
                        }
                    }
                }
            }
            out.add(comp.stream().mapToInt(Integer::intValue).sorted().toArray());
        }
        return out;
    }

    /** One component's chunks, worked out on local indexes so the cost stays the component's. */
    private List<Chunk> chunk(int[] component) {
        int m = component.length;
        if (m == 1) {
            int i = component[0];
            return List.of(new Chunk(List.of(i), fee[i], size[i]));
        }
        java.util.Map<Integer, Integer> local = new java.util.HashMap<>();
        for (int k = 0; k < m; k++) {
            local.put(component[k], k);
        }
        int[][] localParents = new int[m][];
        for (int k = 0; k < m; k++) {
            localParents[k] = Arrays.stream(parents[component[k]]).map(local::get).toArray();
        }
        boolean[] alive = new boolean[m];
        Arrays.fill(alive, true);
        int left = m;
        List<Chunk> out = new ArrayList<>();
        while (left > 0) {
            boolean[] best = alive.clone();
            while (true) {
                long num = 0;
                long den = 0;
                for (int k = 0; k < m; k++) {
                    if (best[k]) {
                        num += fee[component[k]];
                        den += size[component[k]];
                    }
                }
                boolean[] better = denserClosure(component, localParents, alive, num, den);
                if (better == null) {
                    break;
                }
                best = better;
            }
            List<Integer> members = new ArrayList<>();
            long f = 0;
            long s = 0;
            for (int k = 0; k < m; k++) {
                if (best[k]) {
                    members.add(k);
                    f += fee[component[k]];
                    s += size[component[k]];
                    alive[k] = false;
                    left--;
                }
            }
            out.add(new Chunk(topological(members, localParents).stream().map(k -> component[k]).toList(), f, s));
        }
        return out;
    }

    /** Parents before children: by the number of ancestors among the members, then by index. */
    private static List<Integer> topological(List<Integer> members, int[][] parents) {
        int n = parents.length;
        int[] depth = new int[n];
        boolean[] in = new boolean[n];
        members.forEach(i -> in[i] = true);
        for (int i : members) {
            depth[i] = ancestorsWithin(i, in, parents);
        }
        List<Integer> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.<Integer>comparingInt(i -> depth[i]).thenComparingInt(i -> i));
        return sorted;
    }

    private static int ancestorsWithin(int i, boolean[] in, int[][] parents) {
        boolean[] seen = new boolean[parents.length];
        ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(i));
        int count = 0;
        while (!todo.isEmpty()) {
            for (int p : parents[todo.pop()]) {
                if (in[p] && !seen[p]) {
                    seen[p] = true;
                    count++;
                    todo.push(p);
                }
            }
        }
        return count;
    }

    /**
     * The smallest closed set of alive transactions (local indexes) whose fee − (num/den)·size is
     * positive at its maximum, or null when none beats the rate num/den (the maximum is zero).
     */
    private boolean[] denserClosure(int[] component, int[][] localParents, boolean[] alive, long num, long den) {
        int m = component.length;
        int source = m;
        int sink = m + 1;
        FlowNetwork net = new FlowNetwork(m + 2);
        long positive = 0;
        for (int k = 0; k < m; k++) {
            if (!alive[k]) {
                continue;
            }
            int i = component[k];
            long w = Math.subtractExact(Math.multiplyExact(fee[i], den), Math.multiplyExact(num, size[i]));
            if (w > 0) {
                net.add(source, k, w);
                positive += w;
            } else if (w < 0) {
                net.add(k, sink, -w);
            }
            for (int p : localParents[k]) {
                if (alive[p]) {
                    net.add(k, p, FlowNetwork.UNBOUNDED);
                }
            }
        }
        long cut = net.maxFlow(source, sink);
        if (positive - cut <= 0) {
            return null;
        }
        boolean[] reach = net.reachableFrom(source);
        boolean[] set = new boolean[m];
        for (int k = 0; k < m; k++) {
            set[k] = alive[k] && reach[k];
        }
        return set;
    }
}

package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The chunking against every topological order of small random graphs, and hand-checked cases. */
class LinearizerTest {
    @Test
    void aChildWithTwoParentsMakesOneChunkAheadOfAMediumPayer() {
        // 0: parent paying little; 1, 2: its children paying well; 3: unrelated, in between.
        Linearizer lin = new Linearizer(new long[] {20, 300, 300, 165}, new long[] {141, 110, 110, 110},
                new int[][] {{}, {0}, {0}, {}});
        List<Linearizer.Chunk> chunks = lin.chunks();
        assertEquals(List.of(0, 1, 2), chunks.get(0).members(),
                "the parent with both children (1.72 sat/vB) beats the parent with one (1.27)");
        assertEquals(List.of(3), chunks.get(1).members());
    }

    @Test
    void aHighFeeParentWithALowFeeChildAreTwoChunks() {
        Linearizer lin = new Linearizer(new long[] {1000, 10}, new long[] {100, 1000}, new int[][] {{}, {0}});
        List<Linearizer.Chunk> chunks = lin.chunks();
        assertEquals(2, chunks.size());
        assertEquals(List.of(0), chunks.get(0).members());
    }

    @Test
    void theChunkingIsAtLeastAsGoodAsEveryTopologicalOrder() {
        Random random = new Random(31);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(7);
            long[] fee = new long[n];
            long[] size = new long[n];
            int[][] parents = new int[n][];
            for (int i = 0; i < n; i++) {
                fee[i] = random.nextInt(5000);
                size[i] = 60 + random.nextInt(400);
                List<Integer> ps = new ArrayList<>();
                for (int j = 0; j < i; j++) {
                    if (random.nextInt(3) == 0) {
                        ps.add(j);
                    }
                }
                parents[i] = ps.stream().mapToInt(Integer::intValue).toArray();
            }
            Linearizer lin = new Linearizer(fee, size, parents);
            List<Linearizer.Chunk> chunks = lin.chunks();
            assertTopological(chunks, parents, n);
            for (int k = 1; k < chunks.size(); k++) {
                Linearizer.Chunk a = chunks.get(k - 1);
                Linearizer.Chunk b = chunks.get(k);
                assertTrue(Linearizer.compareRate(a.fee(), a.size(), b.fee(), b.size()) >= 0, "rates never rise");
            }
            FeerateDiagram ours = new FeerateDiagram(chunks);
            for (List<Integer> order : orders(parents, n)) {
                assertTrue(ours.nowhereBelow(new FeerateDiagram(chunkOf(order, fee, size))), "round " + round);
            }
        }
    }

    private static void assertTopological(List<Linearizer.Chunk> chunks, int[][] parents, int n) {
        boolean[] done = new boolean[n];
        int count = 0;
        for (Linearizer.Chunk c : chunks) {
            for (int i : c.members()) {
                for (int p : parents[i]) {
                    assertTrue(done[p], "parent " + p + " before " + i);
                }
                done[i] = true;
                count++;
            }
        }
        assertEquals(n, count);
    }

    /** Every topological order of the graph. */
    private static List<List<Integer>> orders(int[][] parents, int n) {
        List<List<Integer>> out = new ArrayList<>();
        extend(new ArrayList<>(), new boolean[n], parents, n, out);
        return out;
    }

    private static void extend(List<Integer> prefix, boolean[] used, int[][] parents, int n, List<List<Integer>> out) {
        if (prefix.size() == n) {
            out.add(new ArrayList<>(prefix));
            return;
        }
        for (int i = 0; i < n; i++) {
            if (used[i]) {
                continue;
            }
            boolean ready = true;
            for (int p : parents[i]) {
                ready &= used[p];
            }
            if (ready) {
                used[i] = true;
                prefix.add(i);
                extend(prefix, used, parents, n, out);
                prefix.remove(prefix.size() - 1);
                used[i] = false;
            }
        }
    }

    /** The usual chunking of one order: merge a chunk into the one before while its rate is higher. */
    private static List<Linearizer.Chunk> chunkOf(List<Integer> order, long[] fee, long[] size) {
        List<Linearizer.Chunk> chunks = new ArrayList<>();
        for (int i : order) {
            Linearizer.Chunk c = new Linearizer.Chunk(List.of(i), fee[i], size[i]);
            while (!chunks.isEmpty()) {
                Linearizer.Chunk last = chunks.get(chunks.size() - 1);
                if (Linearizer.compareRate(c.fee(), c.size(), last.fee(), last.size()) <= 0) {
                    break;
                }
                chunks.remove(chunks.size() - 1);
                List<Integer> members = new ArrayList<>(last.members());
                members.addAll(c.members());
                c = new Linearizer.Chunk(members, last.fee() + c.fee(), last.size() + c.size());
            }
            chunks.add(c);
        }
        return chunks;
    }
}

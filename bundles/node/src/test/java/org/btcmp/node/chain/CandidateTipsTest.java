package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.Hash256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain picks the most-work tip among many side branches and falls back right when it turns invalid. */
class CandidateTipsTest {
    @TempDir
    Path dir;

    /** Submits {@code length} blocks on top of {@code from}; returns their hashes in order. */
    private static List<Hash256> branch(TestChain t, BlockIndex from, int length) throws Exception {
        List<Hash256> out = new ArrayList<>();
        BlockIndex parent = from;
        for (int i = 0; i < length; i++) {
            Block b = t.blockOn(parent, List.of());
            t.chain.processBlock(b);
            parent = t.chain.lookup(b.hash());
            out.add(b.hash());
        }
        return out;
    }

    @Test
    void mostWorkTipWinsAmongSideBranchesAndInvalidationFallsBack() throws Exception {
        try (TestChain t = new TestChain(dir)) {
            List<Hash256> main = t.mine(10);
            Hash256 mainTip = main.get(9);
            // Side branches from every height up to the tip's height: equal or less work, first seen stays.
            for (int h = 1; h < 10; h++) {
                branch(t, t.chain.atHeight(h), 10 - h);
                branch(t, t.chain.atHeight(h), (10 - h) / 2);
            }
            assertEquals(mainTip, t.chain.tip().hash());
            assertEquals(10, t.chain.height());

            List<Hash256> x = branch(t, t.chain.atHeight(3), 10);
            assertEquals(x.get(9), t.chain.tip().hash(), "the 13-block branch has the most work");
            assertEquals(13, t.chain.height());
            // y must fork from the main chain at height 5, which is no longer active.
            List<Hash256> y = branch(t, t.chain.lookup(main.get(4)), 7);
            assertEquals(x.get(9), t.chain.tip().hash(), "12 blocks do not beat 13");

            t.chain.invalidateBlock(x.get(8));
            assertEquals(y.get(6), t.chain.tip().hash(), "the only other 12-block tip takes over");
            assertEquals(12, t.chain.height());

            t.chain.invalidateBlock(y.get(0));
            assertEquals(x.get(7), t.chain.tip().hash(), "the valid rest of x (11 blocks) beats main's 10");
            assertEquals(11, t.chain.height());

            t.chain.invalidateBlock(x.get(0));
            assertEquals(mainTip, t.chain.tip().hash(), "main's 10-block tip was seen before the other 10s");

            t.chain.reconsiderBlock(x.get(8));
            assertEquals(x.get(9), t.chain.tip().hash(), "reconsidering clears x's ancestors and descendants");
            assertEquals(13, t.chain.height());
        }
    }

    @Test
    void candidatesSurviveRestart() throws Exception {
        TestChain t = new TestChain(dir);
        List<Hash256> main = t.mine(6);
        List<Hash256> side = branch(t, t.chain.atHeight(2), 4);
        assertEquals(main.get(5), t.chain.tip().hash(), "equal work: first seen stays");
        t.chain.invalidateBlock(main.get(4));
        assertEquals(side.get(3), t.chain.tip().hash());
        t = t.reopen();
        try {
            t.chain.reconsiderBlock(main.get(4));
            assertEquals(side.get(3), t.chain.tip().hash(), "equal work after reconsider: the tip stays");
            branch(t, t.chain.lookup(main.get(5)), 1);
            assertEquals(7, t.chain.height());
            assertEquals(main.get(5), t.chain.tip().prev().hash(), "one more block on main reorgs back to it");
        } finally {
            t.close();
        }
    }
}

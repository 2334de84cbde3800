package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxOut;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lock times in block building and after the tip moves back: a template takes only transactions
 * final at its own height and median time past (Core's BlockAssembler), and the mempool drops
 * what a reorg or a restart on a lower tip made non-final (Core's removeForReorg).
 */
class MinerFinalityTest {
    final TestKey bob = new TestKey("bob");
    TestChain t;

    @BeforeEach
    void chain(@TempDir Path dir) throws Exception {
        t = new TestChain(dir);
        t.mine(110);
    }

    @AfterEach
    void close() throws Exception {
        t.close();
    }

    private Transaction locked(int coinHeight, long lockTime) throws Exception {
        long v = t.coinbaseValue(coinHeight);
        return t.key.spend(List.of(t.coinbaseAt(coinHeight)), List.of(v), List.of(new TxOut(v - 1000, bob.script)),
                lockTime);
    }

    private static List<Hash256> txids(Block b) {
        return b.transactions().stream().skip(1).map(Transaction::txid).toList();
    }

    @Test
    void aTemplateOnAnEarlierBlockLeavesOutWhatIsNotFinalAtItsHeight() throws Exception {
        Transaction byHeight = locked(1, 108);
        Transaction free = locked(2, 0);
        t.mempool.accept(byHeight, false);
        t.mempool.accept(free, false);
        Block onTip = t.miner.template(t.key.script, null);
        assertTrue(txids(onTip).contains(byHeight.txid()), "final at height 111");
        Block onOld = t.miner.templateOn(t.chain.atHeight(100), t.key.script, null);
        assertEquals(List.of(free.txid()), txids(onOld), "lock time 108 is not final at height 101");
    }

    @Test
    void theLockTimeCutoffIsTheMedianTimePastOfTheBlockBuiltOn() throws Exception {
        long oldMtp = t.chain.atHeight(100).medianTimePast();
        long tipMtp = t.chain.tip().medianTimePast();
        assertTrue(tipMtp > oldMtp + 2);
        Transaction byTime = locked(1, oldMtp + 1);
        t.mempool.accept(byTime, false);
        Transaction child = bob.spend(new OutPoint(byTime.txid(), 0), t.coinbaseValue(1) - 1000,
                t.coinbaseValue(1) - 3000, t.key.script);
        t.mempool.accept(child, false);
        assertEquals(List.of(byTime.txid(), child.txid()), txids(t.miner.template(t.key.script, null)));
        assertEquals(List.of(), txids(t.miner.templateOn(t.chain.atHeight(100), t.key.script, null)),
                "the child of a non-final parent stays out with it");
    }

    @Test
    void aReorgDropsTransactionsThatAreNoLongerFinalWithTheirChildren() throws Exception {
        Transaction atTip = locked(1, 110);
        Transaction earlier = locked(2, 109);
        t.mempool.accept(atTip, false);
        t.mempool.accept(earlier, false);
        Transaction child = bob.spend(new OutPoint(atTip.txid(), 0), t.coinbaseValue(1) - 1000,
                t.coinbaseValue(1) - 3000, t.key.script);
        t.mempool.accept(child, false);
        t.chain.invalidateBlock(t.chain.tip().hash());
        assertEquals(109, t.chain.height());
        assertFalse(t.mempool.contains(atTip.txid()), "lock time 110 is not final for block 110");
        assertFalse(t.mempool.contains(child.txid()));
        assertTrue(t.mempool.contains(earlier.txid()), "lock time 109 still is");
        Block next = t.miner.template(t.key.script, null);
        assertEquals(List.of(earlier.txid()), txids(next));
        t.chain.processBlock(Miner.solve(next));
        assertEquals(110, t.chain.height(), "the block built after the reorg is valid");
    }

    @Test
    void aRestartOnALowerTipDoesNotReloadWhatBecameNonFinal() throws Exception {
        Transaction atTip = locked(1, 110);
        Transaction free = locked(2, 0);
        t.mempool.accept(atTip, false);
        t.mempool.accept(free, false);
        Path file = t.dir.resolve("mempool.dat");
        t.mempool.save(file);
        t.chain.invalidateBlock(t.chain.tip().hash());
        t = t.reopen();
        assertEquals(109, t.chain.height());
        t.mempool.load(file);
        assertFalse(t.mempool.contains(atTip.txid()));
        assertTrue(t.mempool.contains(free.txid()));
        Block next = Miner.solve(t.miner.template(t.key.script, null));
        t.chain.processBlock(next);
        assertEquals(110, t.chain.height());
        assertEquals(List.of(free.txid()), txids(next));
    }
}

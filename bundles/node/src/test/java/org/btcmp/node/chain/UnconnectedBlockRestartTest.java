package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.btcmp.primitives.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kill -9 inside processBlock, after the block and its index row were committed but before it was
 * connected, leaves a stored block with more work than the tip. Core activates the best chain at
 * startup; before it did here, the block sat aside, and mining a template that came out byte for byte
 * the same block was a duplicate that left the tip where it was, while the mempool held transactions final only for the block that never came
 * (SendReceiveCrashTest's "nLockTime equal to the check block's height" failures).
 */
class UnconnectedBlockRestartTest {
    @TempDir
    Path dir;

    /** What processBlock had committed when the kill came: the block's data and its index row, not the tip. */
    private static void storeWithoutConnecting(Path dir, Block block, BlockIndex parent) throws Exception {
        try (BlockFiles files = new BlockFiles(dir.resolve("blocks"), "blk", TestChain.REGTEST.messageStart(), false);
                ChainDb db = new ChainDb(dir.resolve("blocks"), dir.resolve("chainstate"), null, 256)) {
            BlockIndex b = new BlockIndex(block.header(), parent, 1_000);
            b.data = files.append(block.toBytes());
            b.txCount = block.transactions().size();
            b.status = BlockIndex.HAVE_DATA;
            db.batch().index(b).commit();
        }
    }

    @Test
    void aStoredButUnconnectedBlockIsConnectedAtStartup() throws Exception {
        TestChain t = new TestChain(dir);
        t.mine(5);
        BlockIndex tip = t.chain.tip();
        Block six = t.blockOn(tip, List.of());
        t.close();
        storeWithoutConnecting(dir, six, tip);

        try (TestChain again = new TestChain(dir, t.clock)) {
            assertEquals(6, again.chain.height(), "Core's ActivateBestChain at startup");
            assertEquals(six.hash(), again.chain.tip().hash());
            again.mine(1);
            assertEquals(7, again.chain.height(), "mining goes on from the recovered tip");
        }
    }
}

package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxOut;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regtest chain with transactions of every standard type in its blocks, built through the
 * mempool, reorged (invalidate, rebuild, reconsider) and reloaded from disk: 200 blocks in CI,
 * 2000 in the slow tier.
 */
class LongChainTest {

    @Test
    void twoHundredBlocks(@TempDir Path dir) throws Exception {
        run(dir, 200);
    }

    @Test
    @Tag("slow")
    void twoThousandBlocks(@TempDir Path dir) throws Exception {
        run(dir, 2000);
    }

    private void run(Path dir, int blocks) throws Exception {
        StandardSpends std = new StandardSpends();
        StandardSpends.Kind[] kinds = StandardSpends.Kind.values();
        TestChain t = new TestChain(dir);
        try {
            t.mine(101);
            List<OutPoint> pending = new ArrayList<>();
            long pendingEach = 0;
            int spendsMined = 0;
            while (t.chain.height() < blocks) {
                int h = t.chain.height();
                OutPoint cb = t.coinbaseAt(h - 100);
                long value = t.coinbaseValue(h - 100);
                // Regtest halves the subsidy every 150 blocks: outputs shrink with it (never below dust).
                long each = Math.min(10_000_000, (value - 30_000) / 10);
                List<TxOut> outs = new ArrayList<>(std.fundingOutputs(each));
                long used = outs.stream().mapToLong(TxOut::value).sum();
                outs.add(new TxOut(value - used - 20_000, t.key.script));
                Transaction fund = t.key.spend(List.of(cb), List.of(value), outs);
                t.mempool.accept(fund, false);
                if (!pending.isEmpty()) {
                    List<StandardSpends.Kind> ks = new ArrayList<>();
                    List<Long> amounts = new ArrayList<>();
                    for (int i = 0; i < pending.size(); i++) {
                        ks.add(kinds[i]);
                        amounts.add(pendingEach);
                    }
                    Transaction spend = std.spend(pending, ks, amounts,
                            new TxOut(pendingEach * pending.size() - 50_000, t.key.script));
                    t.mempool.accept(spend, false);
                    spendsMined++;
                }
                pending.clear();
                for (int i = 0; i < kinds.length; i++) {
                    pending.add(new OutPoint(fund.txid(), i));
                }
                pendingEach = each;
                t.mine(1);
                assertEquals(0, t.mempool.size(), "every transaction was mined");
            }
            assertTrue(spendsMined > 0);
            assertEquals(blocks, t.chain.height());

            // Reorg: leave the last 20 blocks, build 25 others (the mempool carries their transactions over).
            Hash256 oldTip = t.chain.tip().hash();
            Hash256 cut = t.chain.atHeight(blocks - 19).hash();
            t.chain.invalidateBlock(cut);
            assertEquals(blocks - 20, t.chain.height());
            assertTrue(t.mempool.size() > 0, "disconnected transactions went back to the mempool");
            t.mine(25);
            assertEquals(blocks + 5, t.chain.height());
            t.chain.reconsiderBlock(cut);
            assertEquals(blocks + 5, t.chain.height(), "the longer replacement chain stays active");
            assertTrue(t.chain.lookup(oldTip) != null && !t.chain.isActive(t.chain.lookup(oldTip)));
            assertUtxoMatchesBlocks(t);

            Map<OutPoint, Coin> before = t.chain.utxoSnapshot();
            Hash256 tip = t.chain.tip().hash();
            t = t.reopen();
            assertEquals(tip, t.chain.tip().hash());
            assertEquals(before, t.chain.utxoSnapshot());
        } finally {
            t.close();
        }
    }

    /** Recomputes the UTXO set by replaying every active block and compares it with the chain state's. */
    private static void assertUtxoMatchesBlocks(TestChain t) throws Exception {
        Map<OutPoint, TxOut> replay = new java.util.HashMap<>();
        for (int h = 1; h <= t.chain.height(); h++) {
            Block b = t.chain.readBlock(t.chain.atHeight(h));
            for (Transaction tx : b.transactions()) {
                if (!tx.isCoinbase()) {
                    tx.inputs().forEach(in -> assertNotNull(replay.remove(in.prevout()), "double spend"));
                }
                for (int i = 0; i < tx.outputs().size(); i++) {
                    if (!tx.outputs().get(i).scriptPubKey().isUnspendable()) {
                        replay.put(new OutPoint(tx.txid(), i), tx.outputs().get(i));
                    }
                }
            }
        }
        Map<OutPoint, Coin> state = t.chain.utxoSnapshot();
        assertEquals(replay.keySet(), state.keySet());
        replay.forEach((o, out) -> assertEquals(out, state.get(o).output()));
    }
}

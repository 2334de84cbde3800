package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.btcmp.primitives.Hashes;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxOut;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MempoolTest {
    TestChain t;
    final TestKey bob = new TestKey("bob");
    OutPoint coin;
    long value;

    @BeforeEach
    void chain(@TempDir Path dir) throws Exception {
        t = new TestChain(dir);
        t.mine(105);
        coin = t.coinbaseAt(1);
        value = t.coinbaseValue(1);
    }

    @AfterEach
    void close() throws Exception {
        t.close();
    }

    private String reject(Transaction tx) {
        int before = t.mempool.size();
        ValidationException e = assertThrows(ValidationException.class, () -> t.mempool.accept(tx, false));
        assertEquals(before, t.mempool.size(), "a refused transaction changes nothing");
        return e.reason();
    }

    @Test
    void dustOutputIsRefused() {
        assertEquals("dust", reject(t.key.spend(List.of(coin), List.of(value),
                List.of(new TxOut(293, bob.script), new TxOut(value - 100_000, bob.script)))));
        t.key.spend(coin, value, 294, bob.script);
    }

    @Test
    void feeBelowMinimumRelayIsRefused() {
        assertEquals("min relay fee not met", reject(t.key.spend(coin, value, value, bob.script)));
    }

    @Test
    void nonStandardOutputIsRefused() {
        Script weird = Script.of(new byte[] {(byte) 0xac, (byte) 0xac, (byte) 0xac, (byte) 0xac, (byte) 0xac, 0x51, 0x51, 0x51, 0x51, 0x51});
        assertEquals("scriptpubkey", reject(t.key.spend(coin, value, value - 1000, weird)));
    }

    @Test
    void missingInputsAreReported() {
        assertEquals("missing-inputs", reject(t.key.spend(new OutPoint(Hashes.hash256(new byte[] {9}), 0), value,
                value - 1000, bob.script)));
    }

    @Test
    void testOnlyDoesNotAdd() throws Exception {
        Transaction tx = t.key.spend(coin, value, value - 1000, bob.script);
        t.mempool.accept(tx, true);
        assertFalse(t.mempool.contains(tx.txid()));
        t.mempool.accept(tx, false);
        assertEquals("txn-already-in-mempool", reject(tx));
    }

    @Test
    void replacementNeedsHigherFeeAndRateThenEvictsTheOriginal() throws Exception {
        Transaction first = t.key.spend(coin, value, value - 1000, bob.script);
        t.mempool.accept(first, false);
        Transaction same = t.key.spend(coin, value, value - 1000, ScriptBuilder.witness(0, new byte[20]));
        assertEquals("insufficient fee", reject(same));
        Transaction better = t.key.spend(coin, value, value - 5000, ScriptBuilder.witness(0, new byte[20]));
        t.mempool.accept(better, false);
        assertTrue(t.mempool.contains(better.txid()));
        assertFalse(t.mempool.contains(first.txid()), "the replaced transaction is evicted");
    }

    @Test
    void aChildPaysForItsParentInTheBlockTemplate() throws Exception {
        Transaction parent = t.key.spend(coin, value, value - 200, t.key.script);
        Transaction child = t.key.spend(new OutPoint(parent.txid(), 0), value - 200, value - 10_200, t.key.script);
        long v2 = t.coinbaseValue(2);
        Transaction medium = t.key.spend(t.coinbaseAt(2), v2, v2 - 2_000, t.key.script);
        long v3 = t.coinbaseValue(3);
        Transaction high = t.key.spend(t.coinbaseAt(3), v3, v3 - 20_000, t.key.script);
        for (Transaction tx : List.of(parent, medium, child, high)) {
            t.mempool.accept(tx, false);
        }
        assertTrue(200.0 / parent.vsize() < 2_000.0 / medium.vsize() && 10_200.0 / (parent.vsize() + child.vsize())
                > 2_000.0 / medium.vsize(), "the package outbids the medium payer, the parent alone does not");
        assertEquals(List.of(high.txid(), parent.txid(), child.txid(), medium.txid()),
                t.mempool.blockCandidates().stream().map(e -> e.tx().txid()).toList());
        org.btcmp.primitives.Hash256 mined = t.miner.generate(t.key.script, null);
        List<Transaction> txs = t.chain.readBlock(t.chain.lookup(mined)).transactions();
        assertEquals(List.of(high.txid(), parent.txid(), child.txid(), medium.txid()),
                txs.subList(1, txs.size()).stream().map(Transaction::txid).toList());
    }

    @Test
    void immatureCoinbaseIsRefused() throws Exception {
        int h = t.chain.height() - 10;
        assertEquals("bad-txns-premature-spend-of-coinbase",
                reject(t.key.spend(t.coinbaseAt(h), t.coinbaseValue(h), 1000, bob.script)));
    }

    @Test
    void badSignatureIsRefusedWithScriptReason() {
        Transaction forged = bob.spend(List.of(coin), List.of(value), List.of(new TxOut(value - 1000, bob.script)));
        assertTrue(reject(forged).startsWith("mempool-script-verify-flag-failed"));
    }

    @Test
    void entriesExpireAfterTwoWeeks() throws Exception {
        Transaction old = t.key.spend(coin, value, value - 1000, bob.script);
        t.mempool.accept(old, false);
        t.clock.addAndGet(Mempool.DEFAULT_EXPIRY_SECONDS + 1);
        t.mempool.accept(t.key.spend(t.coinbaseAt(2), t.coinbaseValue(2), t.coinbaseValue(2) - 1000, bob.script),
                false);
        assertFalse(t.mempool.contains(old.txid()));
        assertEquals(1, t.mempool.size());
    }

    @Test
    void blockConflictsEvictMempoolSpends() throws Exception {
        Transaction inPool = t.key.spend(coin, value, value - 1000, bob.script);
        t.mempool.accept(inPool, false);
        Transaction mined = t.key.spend(coin, value, value - 2000, ScriptBuilder.witness(0, new byte[20]));
        t.miner.generate(t.key.script, List.of(mined));
        assertFalse(t.mempool.contains(inPool.txid()));
    }
}

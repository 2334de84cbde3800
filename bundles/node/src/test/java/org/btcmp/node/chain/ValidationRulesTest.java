package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.BlockHeader;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.Hashes;
import org.btcmp.primitives.MerkleTree;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One failing case per consensus rule: the block or transaction is refused with Core's reason and the tip stays. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValidationRulesTest {
    TestChain t;
    final TestKey other = new TestKey("other");

    @BeforeAll
    void chain(@TempDir Path dir) throws Exception {
        t = new TestChain(dir);
        t.mine(110);
    }

    @AfterAll
    void close() throws Exception {
        t.close();
    }

    private Block template(List<Transaction> txs) {
        t.clock.incrementAndGet();
        return t.miner.templateOn(t.chain.tip(), t.key.script, txs);
    }

    /** Re-solves a block after its transactions changed, with a correct merkle root. */
    private static Block resolve(BlockHeader h, List<Transaction> txs) {
        return Miner.solve(new Block(h.withMerkleRoot(MerkleTree.ofTxids(txs).hash()), txs));
    }

    private void assertRefused(Block b, String reason) throws Exception {
        Hash256 tip = t.chain.tip().hash();
        ValidationException e = assertThrows(ValidationException.class, () -> t.chain.processBlock(b));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(tip, t.chain.tip().hash());
    }

    /** Rules checked when connecting: the block is stored, then marked invalid, and the tip stays. */
    private void assertInvalidOnConnect(Block b, String reasonPrefix) throws Exception {
        Hash256 tip = t.chain.tip().hash();
        t.chain.processBlock(b);
        assertTrue(t.chain.isInvalid(b.hash()), "block should be invalid");
        String reason = t.chain.failureReason(b.hash());
        assertTrue(reason.startsWith(reasonPrefix), reason);
        assertEquals(tip, t.chain.tip().hash());
    }

    private Transaction anyTx(int salt) {
        return new Transaction(2, List.of(new TxIn(new OutPoint(Hashes.hash256(new byte[] {(byte) salt}), 0),
                Script.EMPTY, 0xffffffffL)), List.of(new TxOut(1000, other.script)), 0);
    }

    private Transaction replaceCoinbase(Transaction cb, List<TxIn> ins, List<TxOut> outs) {
        return new Transaction(cb.version(), ins, outs, cb.lockTime());
    }

    // --- header and block (context-free) ---

    @Test
    void highHash() throws Exception {
        Block b = Miner.solve(template(List.of()));
        BlockHeader h = b.header();
        var target = BlockHeader.targetFromBits(h.bits());
        long n = 0;
        while (h.withNonce(n).hash().toBigInteger().compareTo(target) <= 0) {
            n++;
        }
        assertRefused(new Block(h.withNonce(n), b.transactions()), "high-hash");
    }

    @Test
    void wrongDifficultyBits() throws Exception {
        Block b = template(List.of());
        BlockHeader h = b.header();
        BlockHeader harder = new BlockHeader(h.version(), h.prevBlock(), h.merkleRoot(), h.time(), 0x207ffffeL, 0);
        assertRefused(Miner.solve(new Block(harder, b.transactions())), "bad-diffbits");
    }

    @Test
    void merkleRootMismatch() throws Exception {
        Block b = template(List.of());
        assertRefused(Miner.solve(new Block(b.header().withMerkleRoot(Hash256.ZERO), b.transactions())),
                "bad-txnmrklroot");
    }

    @Test
    void duplicatedTransactionMutation() throws Exception {
        Block b = template(List.of());
        List<Transaction> txs = List.of(b.transactions().get(0), anyTx(1), anyTx(2), anyTx(2));
        assertRefused(resolve(b.header(), txs), "bad-txns-duplicate");
    }

    @Test
    void firstTransactionMustBeCoinbase() throws Exception {
        Block b = template(List.of());
        assertRefused(resolve(b.header(), List.of(anyTx(3))), "bad-cb-missing");
    }

    @Test
    void onlyOneCoinbase() throws Exception {
        Block b = template(List.of());
        Transaction cb = b.transactions().get(0);
        Transaction cb2 = replaceCoinbase(cb, List.of(new TxIn(OutPoint.NULL, new ScriptBuilder().number(999).op(0)
                .build(), 0xffffffffL)), List.of(new TxOut(1, other.script)));
        assertRefused(resolve(b.header(), List.of(cb, cb2)), "bad-cb-multiple");
    }

    @Test
    void legacySigopLimit() throws Exception {
        byte[] checksigs = new byte[20_001];
        Arrays.fill(checksigs, (byte) 0xac);
        Transaction heavy = new Transaction(2, anyTx(4).inputs(), List.of(new TxOut(0, Script.of(checksigs))), 0);
        Block b = template(List.of(heavy));
        assertRefused(resolve(b.header(), b.transactions()), "bad-blk-sigops");
    }

    // --- transaction (context-free) ---

    @Test
    void transactionStructureRules() {
        TxIn in = anyTx(5).inputs().get(0);
        TxOut out = new TxOut(1000, other.script);
        assertTxRule("bad-txns-vin-empty", new Transaction(2, List.of(), List.of(out), 0));
        assertTxRule("bad-txns-vout-empty", new Transaction(2, List.of(in), List.of(), 0));
        assertTxRule("bad-txns-vout-negative", new Transaction(2, List.of(in), List.of(new TxOut(-1, other.script)), 0));
        assertTxRule("bad-txns-vout-toolarge",
                new Transaction(2, List.of(in), List.of(new TxOut(ChainParams.MAX_MONEY + 1, other.script)), 0));
        assertTxRule("bad-txns-txouttotal-toolarge", new Transaction(2, List.of(in),
                List.of(new TxOut(ChainParams.MAX_MONEY, other.script), new TxOut(1, other.script)), 0));
        assertTxRule("bad-txns-inputs-duplicate", new Transaction(2, List.of(in, in), List.of(out), 0));
        assertTxRule("bad-cb-length", new Transaction(2, List.of(new TxIn(OutPoint.NULL, Script.of(new byte[1]),
                0)), List.of(out), 0));
        assertTxRule("bad-cb-length", new Transaction(2, List.of(new TxIn(OutPoint.NULL, Script.of(new byte[101]),
                0)), List.of(out), 0));
        assertTxRule("bad-txns-prevout-null", new Transaction(2, List.of(in, new TxIn(OutPoint.NULL, Script.EMPTY, 0)),
                List.of(out), 0));
        assertTxRule("bad-txns-oversize", new Transaction(2, List.of(in),
                List.of(new TxOut(0, Script.of(new byte[1_000_001]))), 0));
    }

    private static void assertTxRule(String reason, Transaction tx) {
        ValidationException e = assertThrows(ValidationException.class, () -> TxChecks.checkTransaction(tx));
        assertEquals(reason, e.reason());
    }

    // --- contextual header and block ---

    @Test
    void timeNotAfterMedianTimePast() throws Exception {
        Block b = template(List.of());
        BlockHeader h = b.header();
        long mtp = t.chain.tip().medianTimePast();
        assertRefused(Miner.solve(new Block(new BlockHeader(h.version(), h.prevBlock(), h.merkleRoot(), mtp,
                h.bits(), 0), b.transactions())), "time-too-old");
    }

    @Test
    void timeTooFarInTheFuture() throws Exception {
        Block b = template(List.of());
        BlockHeader h = b.header();
        long future = t.clock.get() + 2 * 60 * 60 + 1;
        assertRefused(Miner.solve(new Block(new BlockHeader(h.version(), h.prevBlock(), h.merkleRoot(), future,
                h.bits(), 0), b.transactions())), "time-too-new");
    }

    @Test
    void outdatedVersion() throws Exception {
        Block b = template(List.of());
        BlockHeader h = b.header();
        assertRefused(Miner.solve(new Block(new BlockHeader(3, h.prevBlock(), h.merkleRoot(), h.time(), h.bits(), 0),
                b.transactions())), "bad-version(0x00000003)");
    }

    @Test
    void nonFinalTransaction() throws Exception {
        Transaction tx = new Transaction(2, List.of(new TxIn(anyTx(6).inputs().get(0).prevout(), Script.EMPTY, 0)),
                List.of(new TxOut(1000, other.script)), 5000);
        Block b = template(List.of(tx));
        assertRefused(resolve(b.header(), b.transactions()), "bad-txns-nonfinal");
    }

    @Test
    void coinbaseMustStartWithHeight() throws Exception {
        Block b = template(List.of());
        Transaction cb = b.transactions().get(0);
        TxIn in = cb.inputs().get(0);
        Transaction wrong = replaceCoinbase(cb, List.of(new TxIn(OutPoint.NULL,
                new ScriptBuilder().number(t.chain.height() + 7).op(0).build(), in.sequence(), in.witness())),
                cb.outputs());
        assertRefused(resolve(b.header(), List.of(wrong)), "bad-cb-height");
    }

    @Test
    void witnessReservedValueMustBe32Bytes() throws Exception {
        Block b = template(List.of());
        Transaction cb = b.transactions().get(0);
        Transaction noWitness = replaceCoinbase(cb, List.of(cb.inputs().get(0).withWitness(List.of())), cb.outputs());
        assertRefused(resolve(b.header(), List.of(noWitness)), "bad-witness-nonce-size");
    }

    @Test
    void witnessCommitmentMustMatch() throws Exception {
        Transaction witnessTx = anyTx(7);
        witnessTx = new Transaction(2, List.of(witnessTx.inputs().get(0).withWitness(List.of(new byte[] {1}))),
                witnessTx.outputs(), 0);
        Block b = template(List.of());
        List<Transaction> txs = new ArrayList<>(b.transactions());
        txs.add(witnessTx); // the commitment was computed without it
        assertRefused(resolve(b.header(), txs), "bad-witness-merkle-match");
    }

    @Test
    void witnessWithoutCommitment() throws Exception {
        Block b = template(List.of());
        Transaction cb = b.transactions().get(0);
        Transaction plain = replaceCoinbase(cb, List.of(cb.inputs().get(0).withWitness(List.of())),
                List.of(cb.outputs().get(0)));
        Transaction withWitness = new Transaction(2, List.of(anyTx(8).inputs().get(0).withWitness(
                List.of(new byte[] {1}))), anyTx(8).outputs(), 0);
        assertRefused(resolve(b.header(), List.of(plain, withWitness)), "unexpected-witness");
    }

    @Test
    void blockWeightLimit() throws Exception {
        Transaction big = new Transaction(2, List.of(anyTx(9).inputs().get(0).withWitness(
                List.of(new byte[4_000_000]))), anyTx(9).outputs(), 0);
        Block b = template(List.of(big));
        assertRefused(resolve(b.header(), b.transactions()), "bad-blk-weight");
    }

    // --- rules that need the UTXO set (checked when connecting) ---

    @Test
    void missingInput() throws Exception {
        Transaction tx = t.key.spend(new OutPoint(Hashes.hash256(new byte[] {42}), 0), 1000, 500, other.script);
        assertInvalidOnConnect(Miner.solve(template(List.of(tx))), "bad-txns-inputs-missingorspent");
    }

    @Test
    void immatureCoinbaseSpend() throws Exception {
        int h = t.chain.height() - 5;
        Transaction tx = t.key.spend(t.coinbaseAt(h), t.coinbaseValue(h), 1000, other.script);
        assertInvalidOnConnect(Miner.solve(template(List.of(tx))), "bad-txns-premature-spend-of-coinbase");
    }

    @Test
    void outputsExceedInputs() throws Exception {
        Transaction tx = t.key.spend(t.coinbaseAt(1), t.coinbaseValue(1), t.coinbaseValue(1) + 1, other.script);
        assertInvalidOnConnect(Miner.solve(template(List.of(tx))), "bad-txns-in-belowout");
    }

    @Test
    void coinbasePaysTooMuch() throws Exception {
        Block b = template(List.of());
        Transaction cb = b.transactions().get(0);
        List<TxOut> outs = new ArrayList<>(cb.outputs());
        outs.set(0, new TxOut(outs.get(0).value() + 1, outs.get(0).scriptPubKey()));
        Transaction rich = replaceCoinbase(cb, cb.inputs(), outs);
        assertInvalidOnConnect(resolve(b.header(), List.of(rich)), "bad-cb-amount");
    }

    @Test
    void badSignature() throws Exception {
        Transaction signedByOther = other.spend(List.of(t.coinbaseAt(2)), List.of(t.coinbaseValue(2)),
                List.of(new TxOut(1000, other.script)));
        assertInvalidOnConnect(Miner.solve(template(List.of(signedByOther))), "block-script-verify-flag-failed");
    }

    @Test
    void relativeLockTimeNotReached() throws Exception {
        int h = t.chain.height() - 100;
        Transaction unsigned = t.key.spend(t.coinbaseAt(h), t.coinbaseValue(h), 1000, other.script);
        // Re-sign with a relative lock of 200 blocks in the sequence field.
        TestKey k = t.key;
        Transaction locked = new Transaction(2, List.of(new TxIn(unsigned.inputs().get(0).prevout(), Script.EMPTY,
                200)), unsigned.outputs(), 0);
        Transaction signed = signSingle(k, locked, t.coinbaseValue(h));
        assertInvalidOnConnect(Miner.solve(template(List.of(signed))), "bad-txns-nonfinal");
    }

    private static Transaction signSingle(TestKey k, Transaction tx, long amount) {
        var code = ScriptBuilder.p2pkh(Hashes.hash160(k.pub));
        byte[] h = org.btcmp.primitives.script.SignatureHash.witnessV0(tx, 0, code, amount, 1);
        byte[] der = k.key.sign(h).toDer();
        byte[] sig = Arrays.copyOf(der, der.length + 1);
        sig[der.length] = 1;
        return new Transaction(tx.version(), List.of(tx.inputs().get(0).withWitness(List.of(sig, k.pub))),
                tx.outputs(), tx.lockTime());
    }
}

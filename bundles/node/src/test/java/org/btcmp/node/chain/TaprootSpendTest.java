package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.btcmp.primitives.Hashes;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.btcmp.primitives.crypto.Schnorr;
import org.btcmp.primitives.script.TaprootSighash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A P2TR coinbase spent by a key-path Schnorr signature goes through the mempool into a block; a bad one does not. */
class TaprootSpendTest {
    @Test
    void keyPathSpendIsAcceptedAndMined(@TempDir Path dir) throws Exception {
        byte[] secret = Hashes.sha256("taproot key".getBytes());
        byte[] outputKey = Schnorr.tweak(Schnorr.xOnlyPublicKey(secret), null, null);
        Script p2tr = ScriptBuilder.witness(1, outputKey);
        try (TestChain t = new TestChain(dir)) {
            t.clock.incrementAndGet();
            t.miner.generate(p2tr, null);
            t.mine(100);
            var cb = t.chain.readBlock(t.chain.atHeight(1)).transactions().get(0);
            TxOut spentOut = cb.outputs().get(0);
            List<TxOut> spent = List.of(spentOut);
            Transaction unsigned = new Transaction(2, List.of(new TxIn(new OutPoint(cb.txid(), 0), Script.EMPTY,
                    0xfffffffdL)), List.of(new TxOut(spentOut.value() - 1000, t.key.script)), 0);
            byte[] msg = TaprootSighash.hash(unsigned, 0, spent, 0, null, null, 0xffffffffL);
            byte[] sig = Schnorr.sign(Schnorr.tweakSecret(secret, null), msg, new byte[32]);

            byte[] badSig = sig.clone();
            badSig[10] ^= 1;
            Transaction bad = new Transaction(2, List.of(unsigned.inputs().get(0).withWitness(List.of(badSig))),
                    unsigned.outputs(), 0);
            ValidationException e = org.junit.jupiter.api.Assertions.assertThrows(ValidationException.class,
                    () -> t.mempool.accept(bad, false));
            assertTrue(e.reason().contains("schnorr sig"), e.reason());

            Transaction good = new Transaction(2, List.of(unsigned.inputs().get(0).withWitness(List.of(sig))),
                    unsigned.outputs(), 0);
            t.mempool.accept(good, false);
            t.mine(1);
            assertFalse(t.mempool.contains(good.txid()));
            assertNotNull(t.chain.coin(new OutPoint(good.txid(), 0)));
            assertEquals(102, t.chain.height());
        }
    }
}

package org.btcmp.node.chain;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.primitives.Hashes;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.btcmp.primitives.crypto.PrivateKey;
import org.btcmp.primitives.script.SignatureHash;

/** A P2WPKH key for tests: its scriptPubKey and signed spends of its coins. */
public final class TestKey {
    final PrivateKey key;
    final byte[] pub;
    public final Script script;

    public TestKey(String seed) {
        key = new PrivateKey(Hashes.sha256(seed.getBytes()));
        pub = key.publicKey(true).encoded();
        script = ScriptBuilder.witness(0, Hashes.hash160(pub));
    }

    /** A version-2 transaction spending {@code inputs} (all ours) to {@code outputs}, signed SIGHASH_ALL. */
    public Transaction spend(List<OutPoint> inputs, List<Long> amounts, List<TxOut> outputs) {
        return spend(inputs, amounts, outputs, 0);
    }

    /** As above with an nLockTime (inputs signal RBF, so the lock time is enforced). */
    public Transaction spend(List<OutPoint> inputs, List<Long> amounts, List<TxOut> outputs, long lockTime) {
        List<TxIn> ins = new ArrayList<>();
        for (OutPoint o : inputs) {
            ins.add(new TxIn(o, Script.EMPTY, 0xfffffffdL));
        }
        Transaction unsigned = new Transaction(2, ins, outputs, lockTime);
        List<TxIn> signed = new ArrayList<>();
        Script code = ScriptBuilder.p2pkh(Hashes.hash160(pub));
        for (int i = 0; i < ins.size(); i++) {
            byte[] h = SignatureHash.witnessV0(unsigned, i, code, amounts.get(i), SignatureHash.ALL);
            byte[] der = key.sign(h).toDer();
            byte[] sig = java.util.Arrays.copyOf(der, der.length + 1);
            sig[der.length] = SignatureHash.ALL;
            signed.add(ins.get(i).withWitness(List.of(sig, pub)));
        }
        return new Transaction(2, signed, outputs, lockTime);
    }

    public Transaction spend(OutPoint input, long amount, long send, Script to) {
        return spend(List.of(input), List.of(amount), List.of(new TxOut(send, to)));
    }
}

package org.btcmp.node.chain;

import java.util.ArrayList;
import java.util.Arrays;
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

/**
 * Outputs of every standard kind that this node can also spend (P2PK, P2PKH, P2SH multisig,
 * P2WPKH, P2SH-P2WPKH, P2WSH, bare multisig) plus OP_RETURN and P2TR outputs, and signed spends of them.
 */
final class StandardSpends {
    enum Kind { P2PK, P2PKH, P2SH_MULTISIG, P2WPKH, P2SH_P2WPKH, P2WSH, BARE_MULTISIG }

    private final PrivateKey k1 = new PrivateKey(Hashes.sha256("std-1".getBytes()));
    private final PrivateKey k2 = new PrivateKey(Hashes.sha256("std-2".getBytes()));
    private final byte[] p1 = k1.publicKey(true).encoded();
    private final byte[] p2 = k2.publicKey(true).encoded();
    private final Script multisig = new ScriptBuilder().op(0x52).data(p1).data(p2).op(0x52).op(0xae).build();
    private final Script bare = new ScriptBuilder().op(0x51).data(p1).data(p2).op(0x52).op(0xae).build();
    private final Script witnessScript = new ScriptBuilder().data(p1).op(0xac).build();
    private final Script p2wpkhOfP1 = ScriptBuilder.witness(0, Hashes.hash160(p1));

    Script scriptFor(Kind kind) {
        return switch (kind) {
            case P2PK -> new ScriptBuilder().data(p1).op(0xac).build();
            case P2PKH -> ScriptBuilder.p2pkh(Hashes.hash160(p1));
            case P2SH_MULTISIG -> ScriptBuilder.p2sh(Hashes.hash160(multisig.bytes()));
            case P2WPKH -> p2wpkhOfP1;
            case P2SH_P2WPKH -> ScriptBuilder.p2sh(Hashes.hash160(p2wpkhOfP1.bytes()));
            case P2WSH -> ScriptBuilder.witness(0, Hashes.sha256(witnessScript.bytes()));
            case BARE_MULTISIG -> bare;
        };
    }

    /** Outputs of every kind plus an OP_RETURN and a P2TR output, each worth {@code each}. */
    List<TxOut> fundingOutputs(long each) {
        List<TxOut> outs = new ArrayList<>();
        for (Kind k : Kind.values()) {
            outs.add(new TxOut(each, scriptFor(k)));
        }
        outs.add(new TxOut(0, ScriptBuilder.opReturn("btcmp".getBytes())));
        outs.add(new TxOut(each, ScriptBuilder.witness(1, Hashes.sha256("taproot".getBytes()))));
        return outs;
    }

    private static byte[] withType(byte[] der) {
        byte[] s = Arrays.copyOf(der, der.length + 1);
        s[der.length] = SignatureHash.ALL;
        return s;
    }

    /** Spends {@code prevouts} (of the given kinds and amounts) to one output, signing each input for its kind. */
    Transaction spend(List<OutPoint> prevouts, List<Kind> kinds, List<Long> amounts, TxOut output) {
        List<TxIn> ins = new ArrayList<>();
        for (OutPoint o : prevouts) {
            ins.add(new TxIn(o, Script.EMPTY, 0xfffffffdL));
        }
        Transaction unsigned = new Transaction(2, ins, List.of(output), 0);
        List<TxIn> signed = new ArrayList<>();
        for (int i = 0; i < ins.size(); i++) {
            TxIn in = ins.get(i);
            long amount = amounts.get(i);
            switch (kinds.get(i)) {
                case P2PK -> signed.add(in.withScriptSig(new ScriptBuilder().data(legacySig(unsigned, i,
                        scriptFor(Kind.P2PK), k1)).build()));
                case P2PKH -> signed.add(in.withScriptSig(new ScriptBuilder().data(legacySig(unsigned, i,
                        scriptFor(Kind.P2PKH), k1)).data(p1).build()));
                case P2SH_MULTISIG -> signed.add(in.withScriptSig(new ScriptBuilder().op(0)
                        .data(legacySig(unsigned, i, multisig, k1)).data(legacySig(unsigned, i, multisig, k2))
                        .data(multisig.bytes()).build()));
                case BARE_MULTISIG -> signed.add(in.withScriptSig(new ScriptBuilder().op(0)
                        .data(legacySig(unsigned, i, bare, k2)).build()));
                case P2WPKH -> signed.add(in.withWitness(List.of(witnessSig(unsigned, i,
                        ScriptBuilder.p2pkh(Hashes.hash160(p1)), amount, k1), p1)));
                case P2SH_P2WPKH -> signed.add(new TxIn(in.prevout(), new ScriptBuilder().data(p2wpkhOfP1.bytes())
                        .build(), in.sequence(), List.of(witnessSig(unsigned, i, ScriptBuilder.p2pkh(
                        Hashes.hash160(p1)), amount, k1), p1)));
                case P2WSH -> signed.add(in.withWitness(List.of(witnessSig(unsigned, i, witnessScript, amount, k1),
                        witnessScript.bytes())));
            }
        }
        return new Transaction(2, signed, List.of(output), 0);
    }

    private static byte[] legacySig(Transaction tx, int i, Script code, PrivateKey k) {
        return withType(k.sign(SignatureHash.legacy(tx, i, code, SignatureHash.ALL)).toDer());
    }

    private static byte[] witnessSig(Transaction tx, int i, Script code, long amount, PrivateKey k) {
        return withType(k.sign(SignatureHash.witnessV0(tx, i, code, amount, SignatureHash.ALL)).toDer());
    }
}

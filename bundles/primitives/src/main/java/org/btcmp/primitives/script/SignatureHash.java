package org.btcmp.primitives.script;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.primitives.ByteWriter;
import org.btcmp.primitives.Hashes;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;

/** The message a signature commits to: legacy (pre-segwit) and BIP143 (witness v0). */
public final class SignatureHash {
    public static final int ALL = 1;
    public static final int NONE = 2;
    public static final int SINGLE = 3;
    public static final int ANYONECANPAY = 0x80;

    private SignatureHash() {
    }

    /** Core's legacy SignatureHash, with its "one" result when SINGLE has no matching output. */
    public static byte[] legacy(Transaction tx, int inputIndex, Script scriptCode, int hashType) {
        if (inputIndex >= tx.inputs().size()) {
            return one();
        }
        int base = hashType & 0x1f;
        if (base == SINGLE && inputIndex >= tx.outputs().size()) {
            return one();
        }
        Script code = withoutCodeSeparators(scriptCode);
        List<TxIn> ins = new ArrayList<>();
        boolean anyoneCanPay = (hashType & ANYONECANPAY) != 0;
        for (int i = 0; i < tx.inputs().size(); i++) {
            if (anyoneCanPay && i != inputIndex) {
                continue;
            }
            TxIn in = tx.inputs().get(i);
            long seq = in.sequence();
            if (i != inputIndex && (base == NONE || base == SINGLE)) {
                seq = 0;
            }
            ins.add(new TxIn(in.prevout(), i == inputIndex ? code : Script.EMPTY, seq));
        }
        List<TxOut> outs = new ArrayList<>();
        if (base == SINGLE) {
            for (int i = 0; i < inputIndex; i++) {
                outs.add(new TxOut(-1, Script.EMPTY));
            }
            outs.add(tx.outputs().get(inputIndex));
        } else if (base != NONE) {
            outs.addAll(tx.outputs());
        }
        Transaction copy = new Transaction(tx.version(), ins, outs, tx.lockTime());
        ByteWriter w = new ByteWriter();
        copy.write(w, false);
        w.writeInt32(hashType);
        return Hashes.sha256d(w.toByteArray());
    }

    /** BIP143's digest for witness v0 programs. */
    public static byte[] witnessV0(Transaction tx, int inputIndex, Script scriptCode, long amount, int hashType) {
        int base = hashType & 0x1f;
        boolean anyoneCanPay = (hashType & ANYONECANPAY) != 0;
        byte[] zero = new byte[32];
        byte[] hashPrevouts = zero;
        byte[] hashSequence = zero;
        byte[] hashOutputs = zero;
        if (!anyoneCanPay) {
            ByteWriter p = new ByteWriter();
            tx.inputs().forEach(in -> p.writeBytes(in.prevout().toBytes()));
            hashPrevouts = Hashes.sha256d(p.toByteArray());
        }
        if (!anyoneCanPay && base != SINGLE && base != NONE) {
            ByteWriter s = new ByteWriter();
            tx.inputs().forEach(in -> s.writeUInt32(in.sequence()));
            hashSequence = Hashes.sha256d(s.toByteArray());
        }
        if (base != SINGLE && base != NONE) {
            ByteWriter o = new ByteWriter();
            tx.outputs().forEach(out -> o.writeInt64(out.value()).writeVarBytes(out.scriptPubKey().bytes()));
            hashOutputs = Hashes.sha256d(o.toByteArray());
        } else if (base == SINGLE && inputIndex < tx.outputs().size()) {
            TxOut out = tx.outputs().get(inputIndex);
            hashOutputs = Hashes.sha256d(new ByteWriter().writeInt64(out.value())
                    .writeVarBytes(out.scriptPubKey().bytes()).toByteArray());
        }
        TxIn in = tx.inputs().get(inputIndex);
        ByteWriter w = new ByteWriter();
        w.writeInt32(tx.version()).writeBytes(hashPrevouts).writeBytes(hashSequence)
                .writeBytes(in.prevout().toBytes()).writeVarBytes(scriptCode.bytes()).writeInt64(amount)
                .writeUInt32(in.sequence()).writeBytes(hashOutputs).writeUInt32(tx.lockTime()).writeInt32(hashType);
        return Hashes.sha256d(w.toByteArray());
    }

    private static byte[] one() {
        byte[] h = new byte[32];
        h[0] = 1;
        return h;
    }

    private static Script withoutCodeSeparators(Script s) {
        List<ScriptOp> ops = ScriptOp.parse(s);
        if (ops.stream().noneMatch(op -> op.opcode() == Opcodes.OP_CODESEPARATOR)) {
            return s;
        }
        ByteWriter w = new ByteWriter();
        for (ScriptOp op : ops) {
            if (op.opcode() != Opcodes.OP_CODESEPARATOR) {
                w.writeBytes(op.encoded());
            }
        }
        return Script.of(w.toByteArray());
    }
}

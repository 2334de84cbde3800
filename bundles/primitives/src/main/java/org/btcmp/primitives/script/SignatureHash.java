package org.btcmp.primitives.script;

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

    /**
     * Core's legacy SignatureHash, with its "one" result when SINGLE has no matching output. The
     * script code is serialized exactly as Core does it, including its treatment of a malformed push
     * at the end (the declared length counts every byte, the bytes written stop where parsing failed).
     */
    public static byte[] legacy(Transaction tx, int inputIndex, Script scriptCode, int hashType) {
        if (inputIndex >= tx.inputs().size()) {
            return one();
        }
        int base = hashType & 0x1f;
        if (base == SINGLE && inputIndex >= tx.outputs().size()) {
            return one();
        }
        boolean anyoneCanPay = (hashType & ANYONECANPAY) != 0;
        ByteWriter w = new ByteWriter();
        w.writeInt32(tx.version());
        w.writeCompactSize(anyoneCanPay ? 1 : tx.inputs().size());
        for (int i = 0; i < tx.inputs().size(); i++) {
            if (anyoneCanPay && i != inputIndex) {
                continue;
            }
            TxIn in = tx.inputs().get(i);
            w.writeBytes(in.prevout().toBytes());
            if (i == inputIndex) {
                writeScriptCode(w, scriptCode.bytes());
            } else {
                w.writeCompactSize(0);
            }
            long seq = i != inputIndex && (base == NONE || base == SINGLE) ? 0 : in.sequence();
            w.writeUInt32(seq);
        }
        if (base == NONE) {
            w.writeCompactSize(0);
        } else if (base == SINGLE) {
            w.writeCompactSize(inputIndex + 1);
            for (int i = 0; i < inputIndex; i++) {
                w.writeInt64(-1).writeCompactSize(0);
            }
            TxOut out = tx.outputs().get(inputIndex);
            w.writeInt64(out.value()).writeVarBytes(out.scriptPubKey().bytes());
        } else {
            w.writeCompactSize(tx.outputs().size());
            for (TxOut out : tx.outputs()) {
                w.writeInt64(out.value()).writeVarBytes(out.scriptPubKey().bytes());
            }
        }
        w.writeUInt32(tx.lockTime());
        w.writeInt32(hashType);
        return Hashes.sha256d(w.toByteArray());
    }

    /** Core's SerializeScriptCode: OP_CODESEPARATORs dropped, stopping where an op fails to parse. */
    private static void writeScriptCode(ByteWriter w, byte[] code) {
        int separators = 0;
        int[] pc = {0};
        int op;
        while ((op = nextOp(code, pc)) >= 0) {
            if (op == Opcodes.OP_CODESEPARATOR) {
                separators++;
            }
        }
        w.writeCompactSize(code.length - separators);
        pc[0] = 0;
        int begin = 0;
        while ((op = nextOp(code, pc)) >= 0) {
            if (op == Opcodes.OP_CODESEPARATOR) {
                w.writeBytes(java.util.Arrays.copyOfRange(code, begin, pc[0] - 1));
                begin = pc[0];
            }
        }
        if (begin != code.length) {
            w.writeBytes(java.util.Arrays.copyOfRange(code, begin, Math.max(begin, pc[0])));
        }
    }

    /** Core's GetScriptOp on {@code pc}: the opcode, or -1 at the end or on a truncated push (pc advanced as Core does). */
    private static int nextOp(byte[] b, int[] pc) {
        if (pc[0] >= b.length) {
            return -1;
        }
        int op = b[pc[0]++] & 0xff;
        if (op > Opcodes.OP_PUSHDATA4) {
            return op;
        }
        long size;
        if (op < Opcodes.OP_PUSHDATA1) {
            size = op;
        } else {
            int width = op == Opcodes.OP_PUSHDATA1 ? 1 : op == Opcodes.OP_PUSHDATA2 ? 2 : 4;
            if (b.length - pc[0] < width) {
                return -1;
            }
            size = 0;
            for (int k = 0; k < width; k++) {
                size |= (long) (b[pc[0] + k] & 0xff) << (8 * k);
            }
            pc[0] += width;
        }
        if (b.length - pc[0] < size) {
            return -1;
        }
        pc[0] += (int) size;
        return op;
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
}

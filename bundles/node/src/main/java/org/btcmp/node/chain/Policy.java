package org.btcmp.node.chain;

import org.btcmp.primitives.ByteWriter;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.btcmp.primitives.script.Opcodes;
import org.btcmp.primitives.script.ScriptOp;

/** Core's standardness rules (policy/policy.cpp) that the mempool applies on top of consensus. */
final class Policy {
    static final int MAX_STANDARD_TX_WEIGHT = 400_000;
    static final int MIN_STANDARD_TX_NONWITNESS_SIZE = 65;
    static final int MAX_STANDARD_SCRIPTSIG_SIZE = 1650;
    static final long DUST_RELAY_FEE_PER_KVB = 3000;

    private Policy() {
    }

    /** Throws with Core's reject reason when {@code tx} is not standard. */
    static void checkStandard(Transaction tx) throws ValidationException {
        long version = Integer.toUnsignedLong(tx.version());
        if (version < 1 || version > 3) {
            throw new ValidationException("version");
        }
        if (tx.weight() > MAX_STANDARD_TX_WEIGHT) {
            throw new ValidationException("tx-size");
        }
        if (tx.baseSize() < MIN_STANDARD_TX_NONWITNESS_SIZE) {
            throw new ValidationException("tx-size-small");
        }
        for (TxIn in : tx.inputs()) {
            if (in.scriptSig().length() > MAX_STANDARD_SCRIPTSIG_SIZE) {
                throw new ValidationException("scriptsig-size");
            }
            if (!pushOnly(in.scriptSig())) {
                throw new ValidationException("scriptsig-not-pushonly");
            }
        }
        for (TxOut out : tx.outputs()) {
            if (!isStandardOutput(out.scriptPubKey())) {
                throw new ValidationException("scriptpubkey");
            }
            if (isDust(out)) {
                throw new ValidationException("dust");
            }
        }
    }

    static boolean isStandardOutput(Script s) {
        if (s.isP2PKH() || s.isP2SH() || s.isWitnessProgram()) {
            return true;
        }
        if (s.length() > 0 && s.byteAt(0) == Opcodes.OP_RETURN) {
            return pushOnly(Script.of(java.util.Arrays.copyOfRange(s.bytes(), 1, s.length())));
        }
        if ((s.length() == 35 && s.byteAt(0) == 33 || s.length() == 67 && s.byteAt(0) == 65)
                && s.byteAt(s.length() - 1) == Opcodes.OP_CHECKSIG) {
            return true;
        }
        return isBareMultisig(s);
    }

    private static boolean isBareMultisig(Script s) {
        try {
            var ops = ScriptOp.parse(s);
            if (ops.size() < 4 || ops.get(ops.size() - 1).opcode() != Opcodes.OP_CHECKMULTISIG) {
                return false;
            }
            int m = ops.get(0).opcode() - 0x50;
            int n = ops.get(ops.size() - 2).opcode() - 0x50;
            if (m < 1 || n < m || n > 3 || ops.size() != n + 3) {
                return false;
            }
            for (int i = 1; i <= n; i++) {
                byte[] k = ops.get(i).data();
                if (k == null || (k.length != 33 && k.length != 65)) {
                    return false;
                }
            }
            return true;
        } catch (org.btcmp.primitives.DecodeException e) {
            return false;
        }
    }

    static boolean pushOnly(Script s) {
        try {
            return ScriptOp.parse(s).stream().allMatch(op -> op.opcode() <= Opcodes.OP_16);
        } catch (org.btcmp.primitives.DecodeException e) {
            return false;
        }
    }

    /** Core's GetDustThreshold at the default dust relay fee: what spending the output would cost. */
    static long dustThreshold(TxOut out) {
        Script s = out.scriptPubKey();
        if (s.isUnspendable()) {
            return 0;
        }
        int size = new ByteWriter().writeInt64(0).writeVarBytes(s.bytes()).size();
        size += s.isWitnessProgram() ? 32 + 4 + 1 + 107 / 4 + 4 : 32 + 4 + 1 + 107 + 4;
        return size * DUST_RELAY_FEE_PER_KVB / 1000;
    }

    static boolean isDust(TxOut out) {
        return out.value() < dustThreshold(out);
    }
}

package org.btcmp.node.chain;

import java.util.List;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.script.Opcodes;
import org.btcmp.primitives.script.ScriptOp;

/** Signature-operation counting as Core's GetLegacySigOpCount, GetP2SHSigOpCount and witness sigops. */
final class Sigops {
    private Sigops() {
    }

    /** Counts CHECKSIG as 1 and CHECKMULTISIG as 20, or as its key count when {@code accurate}. */
    static int count(Script s, boolean accurate) {
        int n = 0;
        int last = -1;
        List<ScriptOp> ops;
        try {
            ops = ScriptOp.parse(s);
        } catch (DecodeException e) {
            // Core stops counting at the first bad push; everything counted before it stands.
            ops = parsePrefix(s);
        }
        for (ScriptOp op : ops) {
            int c = op.opcode();
            if (c == Opcodes.OP_CHECKSIG || c == Opcodes.OP_CHECKSIGVERIFY) {
                n++;
            } else if (c == Opcodes.OP_CHECKMULTISIG || c == Opcodes.OP_CHECKMULTISIGVERIFY) {
                n += accurate && last >= Opcodes.OP_1 && last <= Opcodes.OP_16 ? last - 0x50 : 20;
            }
            last = c;
        }
        return n;
    }

    private static List<ScriptOp> parsePrefix(Script s) {
        byte[] b = s.bytes();
        for (int len = b.length - 1; len >= 0; len--) {
            try {
                return ScriptOp.parse(Script.of(java.util.Arrays.copyOf(b, len)));
            } catch (DecodeException e) {
                // shorter prefix next
            }
        }
        return List.of();
    }

    static int legacy(Transaction tx) {
        int n = 0;
        for (TxIn in : tx.inputs()) {
            n += count(in.scriptSig(), false);
        }
        for (var out : tx.outputs()) {
            n += count(out.scriptPubKey(), false);
        }
        return n;
    }

    /** Total sigop cost of a transaction: legacy and P2SH scaled by 4, witness sigops counted once. */
    static int cost(Transaction tx, List<Coin> coins) {
        int n = legacy(tx) * Consensus.WITNESS_SCALE_FACTOR;
        if (tx.isCoinbase()) {
            return n;
        }
        for (int i = 0; i < tx.inputs().size(); i++) {
            TxIn in = tx.inputs().get(i);
            Script prev = coins.get(i).output().scriptPubKey();
            Script program = prev;
            if (prev.isP2SH()) {
                Script redeem = lastPush(in.scriptSig());
                if (redeem != null) {
                    n += count(redeem, true) * Consensus.WITNESS_SCALE_FACTOR;
                    program = redeem;
                }
            }
            if (program.isWitnessProgram() && program.witnessVersion() == 0) {
                if (program.witnessProgram().length == 20) {
                    n += 1;
                } else if (program.witnessProgram().length == 32 && !in.witness().isEmpty()) {
                    n += count(Script.of(in.witness().get(in.witness().size() - 1)), true);
                }
            }
        }
        return n;
    }

    private static Script lastPush(Script s) {
        try {
            List<ScriptOp> ops = ScriptOp.parse(s);
            if (ops.isEmpty() || ops.stream().anyMatch(o -> o.opcode() > Opcodes.OP_16)) {
                return null;
            }
            ScriptOp last = ops.get(ops.size() - 1);
            return last.data() == null ? null : Script.of(last.data());
        } catch (DecodeException e) {
            return null;
        }
    }
}

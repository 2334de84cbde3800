package org.btcmp.primitives.script;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Script;

/** One parsed script element: an opcode and, for pushes, its data and original encoding. */
public record ScriptOp(int opcode, byte[] data, byte[] encoded) {

    public boolean isPush() {
        return opcode <= Opcodes.OP_16 && opcode != Opcodes.OP_RESERVED;
    }

    /** Splits a script into elements; a push running past the end is a {@link DecodeException}. */
    public static List<ScriptOp> parse(Script script) {
        byte[] b = script.bytes();
        List<ScriptOp> ops = new ArrayList<>();
        int i = 0;
        while (i < b.length) {
            int start = i;
            int op = b[i++] & 0xff;
            byte[] data = null;
            if (op <= Opcodes.OP_PUSHDATA4) {
                long len;
                if (op < Opcodes.OP_PUSHDATA1) {
                    len = op;
                } else {
                    int width = op == Opcodes.OP_PUSHDATA1 ? 1 : op == Opcodes.OP_PUSHDATA2 ? 2 : 4;
                    if (i + width > b.length) {
                        throw new DecodeException("push length runs past the end of the script at offset " + start);
                    }
                    len = 0;
                    for (int k = 0; k < width; k++) {
                        len |= (long) (b[i + k] & 0xff) << (8 * k);
                    }
                    i += width;
                }
                if (len > b.length - i) {
                    throw new DecodeException("push of " + len + " bytes runs past the end of the script at offset "
                            + start);
                }
                data = Arrays.copyOfRange(b, i, i + (int) len);
                i += (int) len;
            }
            ops.add(new ScriptOp(op, data, Arrays.copyOfRange(b, start, i)));
        }
        return ops;
    }

    /** Whether every push uses the smallest encoding (Core's CheckMinimalPush). */
    public boolean isMinimalPush() {
        if (data == null) {
            return true;
        }
        int n = data.length;
        if (n == 0) {
            return opcode == Opcodes.OP_0;
        }
        if (n == 1 && (data[0] & 0xff) >= 1 && (data[0] & 0xff) <= 16) {
            return false;
        }
        if (n == 1 && (data[0] & 0xff) == 0x81) {
            return false;
        }
        if (n <= 75) {
            return opcode == n;
        }
        if (n <= 255) {
            return opcode == Opcodes.OP_PUSHDATA1;
        }
        if (n <= 65535) {
            return opcode == Opcodes.OP_PUSHDATA2;
        }
        return true;
    }
}

package org.btcmp.primitives.script;

import org.btcmp.primitives.Script;

/** BIP342 helpers: the OP_SUCCESSx opcodes that make a tapscript succeed unconditionally. */
final class Tapscript {
    private Tapscript() {
    }

    static boolean isSuccess(int op) {
        return op == 80 || op == 98 || (op >= 126 && op <= 129) || (op >= 131 && op <= 134)
                || (op >= 137 && op <= 138) || (op >= 141 && op <= 142) || (op >= 149 && op <= 153)
                || (op >= 187 && op <= 254);
    }

    /** Scans a tapscript as BIP342 does: an OP_SUCCESSx before any bad push makes it succeed. */
    static boolean hasSuccessOpcode(Script s) throws ScriptException {
        byte[] b = s.bytes();
        int i = 0;
        while (i < b.length) {
            int op = b[i++] & 0xff;
            if (isSuccess(op)) {
                return true;
            }
            if (op <= 0x4e) {
                long len;
                if (op < 0x4c) {
                    len = op;
                } else {
                    int width = op == 0x4c ? 1 : op == 0x4d ? 2 : 4;
                    if (b.length - i < width) {
                        throw new ScriptException("bad_opcode", "truncated push");
                    }
                    len = 0;
                    for (int k = 0; k < width; k++) {
                        len |= (long) (b[i + k] & 0xff) << (8 * k);
                    }
                    i += width;
                }
                if (b.length - i < len) {
                    throw new ScriptException("bad_opcode", "truncated push");
                }
                i += (int) len;
            }
        }
        return false;
    }

}

package org.btcmp.primitives.script;

import java.util.List;
import java.util.StringJoiner;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Hex;
import org.btcmp.primitives.Script;

/** Core's ScriptToAsmStr: opcodes by name, small pushes as numbers, other pushes as hex, "[error]" on a bad push. */
public final class ScriptAsm {
    private static final String[] NAMES = new String[256];

    static {
        String[] low = {"OP_1NEGATE", "OP_RESERVED", "OP_1", "OP_2", "OP_3", "OP_4", "OP_5", "OP_6", "OP_7", "OP_8",
            "OP_9", "OP_10", "OP_11", "OP_12", "OP_13", "OP_14", "OP_15", "OP_16", "OP_NOP", "OP_VER", "OP_IF",
            "OP_NOTIF", "OP_VERIF", "OP_VERNOTIF", "OP_ELSE", "OP_ENDIF", "OP_VERIFY", "OP_RETURN", "OP_TOALTSTACK",
            "OP_FROMALTSTACK", "OP_2DROP", "OP_2DUP", "OP_3DUP", "OP_2OVER", "OP_2ROT", "OP_2SWAP", "OP_IFDUP",
            "OP_DEPTH", "OP_DROP", "OP_DUP", "OP_NIP", "OP_OVER", "OP_PICK", "OP_ROLL", "OP_ROT", "OP_SWAP", "OP_TUCK",
            "OP_CAT", "OP_SUBSTR", "OP_LEFT", "OP_RIGHT", "OP_SIZE", "OP_INVERT", "OP_AND", "OP_OR", "OP_XOR",
            "OP_EQUAL", "OP_EQUALVERIFY", "OP_RESERVED1", "OP_RESERVED2", "OP_1ADD", "OP_1SUB", "OP_2MUL", "OP_2DIV",
            "OP_NEGATE", "OP_ABS", "OP_NOT", "OP_0NOTEQUAL", "OP_ADD", "OP_SUB", "OP_MUL", "OP_DIV", "OP_MOD",
            "OP_LSHIFT", "OP_RSHIFT", "OP_BOOLAND", "OP_BOOLOR", "OP_NUMEQUAL", "OP_NUMEQUALVERIFY", "OP_NUMNOTEQUAL",
            "OP_LESSTHAN", "OP_GREATERTHAN", "OP_LESSTHANOREQUAL", "OP_GREATERTHANOREQUAL", "OP_MIN", "OP_MAX",
            "OP_WITHIN", "OP_RIPEMD160", "OP_SHA1", "OP_SHA256", "OP_HASH160", "OP_HASH256", "OP_CODESEPARATOR",
            "OP_CHECKSIG", "OP_CHECKSIGVERIFY", "OP_CHECKMULTISIG", "OP_CHECKMULTISIGVERIFY", "OP_NOP1",
            "OP_CHECKLOCKTIMEVERIFY", "OP_CHECKSEQUENCEVERIFY", "OP_NOP4", "OP_NOP5", "OP_NOP6", "OP_NOP7", "OP_NOP8",
            "OP_NOP9", "OP_NOP10", "OP_CHECKSIGADD"};
        for (int i = 0; i < low.length; i++) {
            NAMES[0x4f + i] = low[i];
        }
        NAMES[0] = "0";
        NAMES[0x4c] = "OP_PUSHDATA1";
        NAMES[0x4d] = "OP_PUSHDATA2";
        NAMES[0x4e] = "OP_PUSHDATA4";
        for (int i = 0; i < 256; i++) {
            if (NAMES[i] == null) {
                NAMES[i] = i == 0xff ? "OP_INVALIDOPCODE" : "OP_UNKNOWN";
            }
        }
    }

    private ScriptAsm() {
    }

    public static String toAsm(Script script) {
        StringJoiner j = new StringJoiner(" ");
        List<ScriptOp> ops;
        try {
            ops = ScriptOp.parse(script);
        } catch (DecodeException e) {
            return "[error]";
        }
        for (ScriptOp op : ops) {
            int c = op.opcode();
            if (c == 0) {
                j.add("0");
            } else if (c == 0x4f || (c >= 0x51 && c <= 0x60)) {
                j.add(Integer.toString(c == 0x4f ? -1 : c - 0x50));
            } else if (op.data() != null) {
                j.add(op.data().length <= 4 ? Long.toString(decodeNum(op.data())) : Hex.encode(op.data()));
            } else {
                j.add(NAMES[c]);
            }
        }
        return j.toString();
    }

    private static long decodeNum(byte[] v) {
        if (v.length == 0) {
            return 0;
        }
        long r = 0;
        for (int i = 0; i < v.length; i++) {
            r |= (long) (v[i] & 0xff) << (8 * i);
        }
        if ((v[v.length - 1] & 0x80) != 0) {
            return -(r & ~(0x80L << (8 * (v.length - 1))));
        }
        return r;
    }
}

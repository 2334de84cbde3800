package org.btcmp.node.chain;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import org.btcmp.primitives.Hex;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;

/**
 * Reads the script notation of Core's test data (its ParseScript): decimal numbers, 0x raw bytes,
 * 'strings' as pushes, and opcode names with or without the OP_ prefix.
 */
final class CoreScriptParser {
    private static final Map<String, Integer> OPCODES = new HashMap<>();

    static {
        String[] names = {"1NEGATE", "RESERVED", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13",
            "14", "15", "16", "NOP", "VER", "IF", "NOTIF", "VERIF", "VERNOTIF", "ELSE", "ENDIF", "VERIFY", "RETURN",
            "TOALTSTACK", "FROMALTSTACK", "2DROP", "2DUP", "3DUP", "2OVER", "2ROT", "2SWAP", "IFDUP", "DEPTH", "DROP",
            "DUP", "NIP", "OVER", "PICK", "ROLL", "ROT", "SWAP", "TUCK", "CAT", "SUBSTR", "LEFT", "RIGHT", "SIZE",
            "INVERT", "AND", "OR", "XOR", "EQUAL", "EQUALVERIFY", "RESERVED1", "RESERVED2", "1ADD", "1SUB", "2MUL",
            "2DIV", "NEGATE", "ABS", "NOT", "0NOTEQUAL", "ADD", "SUB", "MUL", "DIV", "MOD", "LSHIFT", "RSHIFT",
            "BOOLAND", "BOOLOR", "NUMEQUAL", "NUMEQUALVERIFY", "NUMNOTEQUAL", "LESSTHAN", "GREATERTHAN",
            "LESSTHANOREQUAL", "GREATERTHANOREQUAL", "MIN", "MAX", "WITHIN", "RIPEMD160", "SHA1", "SHA256", "HASH160",
            "HASH256", "CODESEPARATOR", "CHECKSIG", "CHECKSIGVERIFY", "CHECKMULTISIG", "CHECKMULTISIGVERIFY", "NOP1",
            "CHECKLOCKTIMEVERIFY", "CHECKSEQUENCEVERIFY", "NOP4", "NOP5", "NOP6", "NOP7", "NOP8", "NOP9", "NOP10",
            "CHECKSIGADD"};
        for (int i = 0; i < names.length; i++) {
            OPCODES.put(names[i], 0x4f + i);
        }
        OPCODES.put("0", 0);
        OPCODES.put("FALSE", 0);
        OPCODES.put("TRUE", 0x51);
        OPCODES.put("PUSHDATA1", 0x4c);
        OPCODES.put("PUSHDATA2", 0x4d);
        OPCODES.put("PUSHDATA4", 0x4e);
        OPCODES.put("NOP2", 0xb1);
        OPCODES.put("NOP3", 0xb2);
        OPCODES.put("INVALIDOPCODE", 0xff);
    }

    private CoreScriptParser() {
    }

    static Script parse(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String w : text.trim().split("\\s+")) {
            if (w.isEmpty()) {
                continue;
            }
            if (w.matches("-?\\d+")) {
                long n = Long.parseLong(w);
                byte[] b = (n == -1 || (n >= 0 && n <= 16)) ? new ScriptBuilder().number(n).build().bytes()
                        : new ScriptBuilder().data(ScriptBuilder.encodeNum(n)).build().bytes();
                out.writeBytes(b);
            } else if (w.startsWith("0x") && w.length() > 2) {
                out.writeBytes(Hex.decode(w.substring(2)));
            } else if (w.length() >= 2 && w.startsWith("'") && w.endsWith("'")) {
                out.writeBytes(new ScriptBuilder().data(w.substring(1, w.length() - 1).getBytes()).build().bytes());
            } else {
                String name = w.startsWith("OP_") ? w.substring(3) : w;
                Integer op = OPCODES.get(name);
                if (op == null) {
                    throw new IllegalArgumentException("unknown opcode " + w);
                }
                out.write(op);
            }
        }
        return Script.of(out.toByteArray());
    }
}

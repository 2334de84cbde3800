package org.btcmp.primitives.script;

/** Script opcode values (facts from the Bitcoin protocol). */
public final class Opcodes {
    public static final int OP_0 = 0x00;
    public static final int OP_PUSHDATA1 = 0x4c;
    public static final int OP_PUSHDATA2 = 0x4d;
    public static final int OP_PUSHDATA4 = 0x4e;
    public static final int OP_1NEGATE = 0x4f;
    public static final int OP_RESERVED = 0x50;
    public static final int OP_1 = 0x51;
    public static final int OP_16 = 0x60;
    public static final int OP_NOP = 0x61;
    public static final int OP_IF = 0x63;
    public static final int OP_NOTIF = 0x64;
    public static final int OP_ELSE = 0x67;
    public static final int OP_ENDIF = 0x68;
    public static final int OP_VERIFY = 0x69;
    public static final int OP_RETURN = 0x6a;
    public static final int OP_TOALTSTACK = 0x6b;
    public static final int OP_FROMALTSTACK = 0x6c;
    public static final int OP_DROP = 0x75;
    public static final int OP_DUP = 0x76;
    public static final int OP_SWAP = 0x7c;
    public static final int OP_SIZE = 0x82;
    public static final int OP_EQUAL = 0x87;
    public static final int OP_EQUALVERIFY = 0x88;
    public static final int OP_RIPEMD160 = 0xa6;
    public static final int OP_SHA1 = 0xa7;
    public static final int OP_SHA256 = 0xa8;
    public static final int OP_HASH160 = 0xa9;
    public static final int OP_HASH256 = 0xaa;
    public static final int OP_CODESEPARATOR = 0xab;
    public static final int OP_CHECKSIG = 0xac;
    public static final int OP_CHECKSIGVERIFY = 0xad;
    public static final int OP_CHECKMULTISIG = 0xae;
    public static final int OP_CHECKMULTISIGVERIFY = 0xaf;
    public static final int OP_NOP1 = 0xb0;
    public static final int OP_CHECKLOCKTIMEVERIFY = 0xb1;
    public static final int OP_CHECKSEQUENCEVERIFY = 0xb2;
    public static final int OP_NOP10 = 0xb9;

    private Opcodes() {
    }

    /** Opcodes that fail a script wherever they appear, even unexecuted (Core's disabled list). */
    public static boolean isDisabled(int op) {
        return (op >= 0x7e && op <= 0x81) || (op >= 0x83 && op <= 0x86) || (op >= 0x8d && op <= 0x8e)
                || (op >= 0x95 && op <= 0x99);
    }
}

package org.btcmp.primitives;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** Builds scripts with minimal pushes, as Core's {@code CScript() << ...} does. */
public final class ScriptBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public ScriptBuilder op(int opcode) {
        out.write(opcode);
        return this;
    }

    /** Pushes data with the smallest push opcode that fits (no OP_N substitution, as Core's data push). */
    public ScriptBuilder data(byte[] d) {
        if (d.length < 0x4c) {
            out.write(d.length);
        } else if (d.length <= 0xff) {
            out.write(0x4c);
            out.write(d.length);
        } else if (d.length <= 0xffff) {
            out.write(0x4d);
            out.write(d.length);
            out.write(d.length >>> 8);
        } else {
            out.write(0x4e);
            for (int i = 0; i < 4; i++) {
                out.write(d.length >>> (8 * i));
            }
        }
        out.write(d, 0, d.length);
        return this;
    }

    /** Pushes a number: OP_0, OP_1NEGATE, OP_1..OP_16, or its minimal CScriptNum encoding. */
    public ScriptBuilder number(long n) {
        if (n == 0) {
            return op(0x00);
        }
        if (n == -1 || (n >= 1 && n <= 16)) {
            return op((int) (n + 0x50));
        }
        return data(encodeNum(n));
    }

    /** CScriptNum's serialization: little-endian magnitude with a sign bit. */
    public static byte[] encodeNum(long value) {
        if (value == 0) {
            return new byte[0];
        }
        boolean negative = value < 0;
        BigInteger abs = BigInteger.valueOf(value).abs();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (abs.signum() > 0) {
            b.write(abs.intValue() & 0xff);
            abs = abs.shiftRight(8);
        }
        byte[] r = b.toByteArray();
        if ((r[r.length - 1] & 0x80) != 0) {
            byte[] e = new byte[r.length + 1];
            System.arraycopy(r, 0, e, 0, r.length);
            e[r.length] = (byte) (negative ? 0x80 : 0);
            return e;
        }
        if (negative) {
            r[r.length - 1] |= (byte) 0x80;
        }
        return r;
    }

    public Script build() {
        return Script.of(out.toByteArray());
    }

    public static Script p2pkh(byte[] hash160) {
        return new ScriptBuilder().op(0x76).op(0xa9).data(hash160).op(0x88).op(0xac).build();
    }

    public static Script p2sh(byte[] hash160) {
        return new ScriptBuilder().op(0xa9).data(hash160).op(0x87).build();
    }

    public static Script witness(int version, byte[] program) {
        return new ScriptBuilder().op(version == 0 ? 0 : 0x50 + version).data(program).build();
    }

    public static Script opReturn(byte[] payload) {
        return new ScriptBuilder().op(0x6a).data(payload).build();
    }
}

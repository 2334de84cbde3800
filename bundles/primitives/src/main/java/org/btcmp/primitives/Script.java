package org.btcmp.primitives;

import java.util.Arrays;

/** A script as raw bytes (scriptPubKey, scriptSig, witness script); immutable, compared by content. */
public final class Script {
    public static final Script EMPTY = new Script(new byte[0]);

    private final byte[] bytes;

    private Script(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Script of(byte[] bytes) {
        return new Script(bytes.clone());
    }

    public static Script fromHex(String hex) {
        return new Script(Hex.decode(hex));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public int byteAt(int i) {
        return bytes[i] & 0xff;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** Dot-free view for hashing and serializing without a copy; callers must not modify it. */
    byte[] raw() {
        return bytes;
    }

    public boolean isP2PKH() {
        return bytes.length == 25 && byteAt(0) == 0x76 && byteAt(1) == 0xa9 && byteAt(2) == 20
                && byteAt(23) == 0x88 && byteAt(24) == 0xac;
    }

    public boolean isP2SH() {
        return bytes.length == 23 && byteAt(0) == 0xa9 && byteAt(1) == 20 && byteAt(22) == 0x87;
    }

    /** BIP141 witness program: a version opcode (OP_0, OP_1..OP_16) then one push of 2 to 40 bytes. */
    public boolean isWitnessProgram() {
        if (bytes.length < 4 || bytes.length > 42) {
            return false;
        }
        int v = byteAt(0);
        if (v != 0 && (v < 0x51 || v > 0x60)) {
            return false;
        }
        return byteAt(1) + 2 == bytes.length;
    }

    /** Witness version 0..16; only meaningful when {@link #isWitnessProgram()}. */
    public int witnessVersion() {
        return byteAt(0) == 0 ? 0 : byteAt(0) - 0x50;
    }

    public byte[] witnessProgram() {
        return Arrays.copyOfRange(bytes, 2, bytes.length);
    }

    public boolean isP2WPKH() {
        return isWitnessProgram() && witnessVersion() == 0 && bytes.length == 22;
    }

    public boolean isP2WSH() {
        return isWitnessProgram() && witnessVersion() == 0 && bytes.length == 34;
    }

    public boolean isP2TR() {
        return isWitnessProgram() && witnessVersion() == 1 && bytes.length == 34;
    }

    /** Provably unspendable: starts with OP_RETURN, or too long to ever run. */
    public boolean isUnspendable() {
        return (bytes.length > 0 && byteAt(0) == 0x6a) || bytes.length > 10_000;
    }

    public String toHex() {
        return Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Script s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}

package org.btcmp.primitives;

/** A transaction output: an amount in satoshis and the script that locks it. */
public record TxOut(long value, Script scriptPubKey) {
    void write(ByteWriter w) {
        w.writeInt64(value).writeVarBytes(scriptPubKey.raw());
    }

    static TxOut read(ByteReader r) {
        return new TxOut(r.readInt64("output value"), Script.of(r.readVarBytes("output script")));
    }
}

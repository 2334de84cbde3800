package org.btcmp.primitives;

/** A reference to one output of a transaction: txid and output index. */
public record OutPoint(Hash256 txid, long index) {
    /** The null outpoint a coinbase input spends. */
    public static final OutPoint NULL = new OutPoint(Hash256.ZERO, 0xffffffffL);

    public boolean isNull() {
        return txid.isZero() && index == 0xffffffffL;
    }

    void write(ByteWriter w) {
        w.writeHash(txid).writeUInt32(index);
    }

    static OutPoint read(ByteReader r) {
        return new OutPoint(r.readHash("outpoint txid"), r.readUInt32("outpoint index"));
    }

    /** 36 bytes as serialized: a stable key for indexes and sets. */
    public byte[] toBytes() {
        ByteWriter w = new ByteWriter(36);
        write(w);
        return w.toByteArray();
    }

    public static OutPoint fromBytes(byte[] b) {
        return read(new ByteReader(b));
    }

    @Override
    public String toString() {
        return txid + ":" + index;
    }
}

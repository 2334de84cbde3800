package org.btcmp.primitives;

import java.util.ArrayList;
import java.util.List;

/** A block: header plus transactions, serialized as Core does (transactions with witnesses). */
public record Block(BlockHeader header, List<Transaction> transactions) {
    public Block {
        transactions = List.copyOf(transactions);
    }

    public Hash256 hash() {
        return header.hash();
    }

    public byte[] toBytes() {
        return serialize(true);
    }

    public byte[] serialize(boolean withWitness) {
        ByteWriter w = new ByteWriter(1024);
        header.write(w);
        w.writeCompactSize(transactions.size());
        for (Transaction tx : transactions) {
            tx.write(w, withWitness);
        }
        return w.toByteArray();
    }

    public int totalSize() {
        return serialize(true).length;
    }

    /** BIP141 block weight. */
    public int weight() {
        return serialize(false).length * 3 + serialize(true).length;
    }

    public static Block read(ByteReader r) {
        BlockHeader header = BlockHeader.read(r);
        int n = r.readCount("transaction count", 60);
        List<Transaction> txs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            txs.add(Transaction.read(r));
        }
        return new Block(header, txs);
    }

    public static Block fromBytes(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        Block b = read(r);
        if (!r.atEnd()) {
            throw new DecodeException("block has " + r.remaining() + " extra bytes at offset " + r.position());
        }
        return b;
    }

    public static Block fromHex(String hex) {
        return fromBytes(Hex.decode(hex));
    }
}

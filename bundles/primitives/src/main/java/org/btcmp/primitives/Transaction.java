package org.btcmp.primitives;

import java.util.ArrayList;
import java.util.List;

/**
 * A transaction with Core's serialization: BIP144 marker and flag when any input has a witness.
 * txid hashes the serialization without witnesses, wtxid the one with them.
 */
public final class Transaction {
    private final int version;
    private final List<TxIn> inputs;
    private final List<TxOut> outputs;
    private final long lockTime;
    private volatile Hash256 txid;
    private volatile Hash256 wtxid;

    public Transaction(int version, List<TxIn> inputs, List<TxOut> outputs, long lockTime) {
        this.version = version;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.lockTime = lockTime;
    }

    public int version() {
        return version;
    }

    public List<TxIn> inputs() {
        return inputs;
    }

    public List<TxOut> outputs() {
        return outputs;
    }

    public long lockTime() {
        return lockTime;
    }

    public boolean isCoinbase() {
        return inputs.size() == 1 && inputs.get(0).prevout().isNull();
    }

    public boolean hasWitness() {
        return inputs.stream().anyMatch(TxIn::hasWitness);
    }

    public Hash256 txid() {
        Hash256 h = txid;
        if (h == null) {
            h = Hashes.hash256(serialize(false));
            txid = h;
        }
        return h;
    }

    public Hash256 wtxid() {
        Hash256 h = wtxid;
        if (h == null) {
            h = hasWitness() ? Hashes.hash256(serialize(true)) : txid();
            wtxid = h;
        }
        return h;
    }

    /** Serialization with witnesses when there are any (what blocks and the network carry). */
    public byte[] toBytes() {
        return serialize(true);
    }

    public byte[] toBytesNoWitness() {
        return serialize(false);
    }

    public int totalSize() {
        return serialize(true).length;
    }

    public int baseSize() {
        return serialize(false).length;
    }

    /** BIP141 weight: base size times three plus total size. */
    public int weight() {
        return baseSize() * 3 + totalSize();
    }

    /** Virtual size, rounded up, as policy and RPC report it. */
    public int vsize() {
        return (weight() + 3) / 4;
    }

    public void write(ByteWriter w, boolean withWitness) {
        boolean witness = withWitness && hasWitness();
        w.writeInt32(version);
        if (witness) {
            w.writeUInt8(0).writeUInt8(1);
        }
        w.writeCompactSize(inputs.size());
        for (TxIn in : inputs) {
            in.prevout().write(w);
            w.writeVarBytes(in.scriptSig().raw());
            w.writeUInt32(in.sequence());
        }
        w.writeCompactSize(outputs.size());
        for (TxOut out : outputs) {
            out.write(w);
        }
        if (witness) {
            for (TxIn in : inputs) {
                w.writeCompactSize(in.witness().size());
                for (byte[] item : in.witness()) {
                    w.writeVarBytes(item);
                }
            }
        }
        w.writeUInt32(lockTime);
    }

    private byte[] serialize(boolean withWitness) {
        ByteWriter w = new ByteWriter();
        write(w, withWitness);
        return w.toByteArray();
    }

    /** Reads one transaction as Core's UnserializeTransaction does (witness allowed). */
    public static Transaction read(ByteReader r) {
        int version = r.readInt32("transaction version");
        int flags = 0;
        List<TxIn> inputs = readInputs(r);
        List<TxOut> outputs = new ArrayList<>();
        if (inputs.isEmpty()) {
            flags = r.readUInt8("witness flag");
            if (flags != 0) {
                inputs = readInputs(r);
                outputs = readOutputs(r);
            }
        } else {
            outputs = readOutputs(r);
        }
        if ((flags & 1) != 0) {
            flags ^= 1;
            List<TxIn> withWitness = new ArrayList<>(inputs.size());
            boolean any = false;
            for (TxIn in : inputs) {
                int n = r.readCount("witness stack size", 1);
                List<byte[]> stack = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    stack.add(r.readVarBytes("witness item"));
                }
                any |= n > 0;
                withWitness.add(in.withWitness(stack));
            }
            if (!any) {
                throw new DecodeException("superfluous witness record at offset " + r.position());
            }
            inputs = withWitness;
        }
        if (flags != 0) {
            throw new DecodeException("unknown transaction optional data (flags " + flags + ")");
        }
        long lockTime = r.readUInt32("lock time");
        return new Transaction(version, inputs, outputs, lockTime);
    }

    private static List<TxIn> readInputs(ByteReader r) {
        int n = r.readCount("input count", 41);
        List<TxIn> inputs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            OutPoint prev = OutPoint.read(r);
            Script sig = Script.of(r.readVarBytes("input script"));
            inputs.add(new TxIn(prev, sig, r.readUInt32("input sequence")));
        }
        return inputs;
    }

    private static List<TxOut> readOutputs(ByteReader r) {
        int n = r.readCount("output count", 9);
        List<TxOut> outputs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            outputs.add(TxOut.read(r));
        }
        return outputs;
    }

    /** Parses exactly one transaction from {@code bytes}; trailing bytes are an error. */
    public static Transaction fromBytes(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        Transaction tx = read(r);
        if (!r.atEnd()) {
            throw new DecodeException("transaction has " + r.remaining() + " extra bytes at offset " + r.position());
        }
        return tx;
    }

    public static Transaction fromHex(String hex) {
        return fromBytes(Hex.decode(hex));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transaction t && t.wtxid().equals(wtxid()) && t.txid().equals(txid());
    }

    @Override
    public int hashCode() {
        return wtxid().hashCode();
    }

    @Override
    public String toString() {
        return "Transaction " + txid();
    }
}

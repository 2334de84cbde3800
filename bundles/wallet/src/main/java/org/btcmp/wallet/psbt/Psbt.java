package org.btcmp.wallet.psbt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.btcmp.primitives.ByteReader;
import org.btcmp.primitives.ByteWriter;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;

/**
 * A partially signed transaction (BIP174, version 0): the unsigned transaction and one key-value map
 * per input and output. Fields this wallet reads or writes have accessors; every other record,
 * known to BIP174 or not, is kept byte for byte, so a PSBT passes through unchanged where it is not touched.
 */
public final class Psbt {
    private static final byte[] MAGIC = {'p', 's', 'b', 't', (byte) 0xff};
    static final int GLOBAL_UNSIGNED_TX = 0x00;
    static final int IN_WITNESS_UTXO = 0x01;
    static final int IN_PARTIAL_SIG = 0x02;
    static final int IN_SIGHASH_TYPE = 0x03;
    static final int IN_FINAL_SCRIPTSIG = 0x07;
    static final int IN_FINAL_SCRIPTWITNESS = 0x08;
    static final int IN_BIP32_DERIVATION = 0x06;
    static final int IN_TAP_KEY_SIG = 0x13;
    static final int IN_TAP_BIP32_DERIVATION = 0x16;
    static final int IN_TAP_INTERNAL_KEY = 0x17;
    static final int OUT_BIP32_DERIVATION = 0x02;
    static final int OUT_TAP_INTERNAL_KEY = 0x05;
    static final int OUT_TAP_BIP32_DERIVATION = 0x07;

    /** One record of a map: its whole key (type byte first) and its value. */
    public record Entry(byte[] key, byte[] value) {
        public int type() {
            return key[0] & 0xff;
        }
    }

    private final Transaction tx;
    private final List<Entry> global;
    private final List<List<Entry>> inputs;
    private final List<List<Entry>> outputs;

    private Psbt(Transaction tx, List<Entry> global, List<List<Entry>> inputs, List<List<Entry>> outputs) {
        this.tx = tx;
        this.global = global;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /** A PSBT for {@code unsigned} (no scriptSigs or witnesses) with empty input and output maps. */
    public static Psbt of(Transaction unsigned) {
        for (TxIn in : unsigned.inputs()) {
            if (!in.scriptSig().isEmpty() || in.hasWitness()) {
                throw new IllegalArgumentException("Inputs must not have scriptSigs and scriptWitnesses");
            }
        }
        List<List<Entry>> ins = new ArrayList<>();
        unsigned.inputs().forEach(i -> ins.add(new ArrayList<>()));
        List<List<Entry>> outs = new ArrayList<>();
        unsigned.outputs().forEach(o -> outs.add(new ArrayList<>()));
        return new Psbt(unsigned, new ArrayList<>(), ins, outs);
    }

    /** Parses base64 text; IllegalArgumentException with Core's "TX decode failed ..." wording when it is not a PSBT. */
    public static Psbt fromBase64(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TX decode failed invalid base64");
        }
        try {
            return parse(bytes);
        } catch (RuntimeException e) { // truncated, malformed or inconsistent bytes
            throw new IllegalArgumentException("TX decode failed " + e.getMessage());
        }
    }

    private static Psbt parse(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        if (!Arrays.equals(r.readBytes(MAGIC.length, "magic"), MAGIC)) {
            throw new IllegalArgumentException("Invalid PSBT magic bytes");
        }
        List<Entry> global = readMap(r);
        Entry txEntry = global.stream().filter(e -> e.key().length == 1 && e.type() == GLOBAL_UNSIGNED_TX).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No unsigned transaction was provided"));
        Transaction tx = Transaction.fromBytes(txEntry.value());
        global.remove(txEntry);
        List<List<Entry>> ins = new ArrayList<>();
        for (int i = 0; i < tx.inputs().size(); i++) {
            ins.add(readMap(r));
        }
        List<List<Entry>> outs = new ArrayList<>();
        for (int i = 0; i < tx.outputs().size(); i++) {
            outs.add(readMap(r));
        }
        if (!r.atEnd()) {
            throw new IllegalArgumentException("Data after the last output map");
        }
        return new Psbt(tx, global, ins, outs);
    }

    private static List<Entry> readMap(ByteReader r) {
        List<Entry> map = new ArrayList<>();
        while (true) {
            byte[] key = r.readVarBytes("key");
            if (key.length == 0) {
                return map;
            }
            for (Entry e : map) {
                if (Arrays.equals(e.key(), key)) {
                    throw new IllegalArgumentException("Duplicate Key, key type " + (key[0] & 0xff) + " already provided");
                }
            }
            map.add(new Entry(key, r.readVarBytes("value")));
        }
    }

    public String toBase64() {
        ByteWriter w = new ByteWriter();
        w.writeBytes(MAGIC);
        w.writeVarBytes(new byte[] {GLOBAL_UNSIGNED_TX});
        w.writeVarBytes(tx.toBytesNoWitness());
        writeMap(w, global);
        inputs.forEach(m -> writeMap(w, m));
        outputs.forEach(m -> writeMap(w, m));
        return Base64.getEncoder().encodeToString(w.toByteArray());
    }

    private static void writeMap(ByteWriter w, List<Entry> map) {
        for (Entry e : map) {
            w.writeVarBytes(e.key());
            w.writeVarBytes(e.value());
        }
        w.writeUInt8(0);
    }

    public Transaction unsignedTx() {
        return tx;
    }

    /** The output input {@code i} spends, from its witness UTXO record, when present. */
    public Optional<TxOut> witnessUtxo(int i) {
        return single(inputs.get(i), IN_WITNESS_UTXO).map(v -> {
            ByteReader r = new ByteReader(v);
            long value = r.readInt64("amount");
            return new TxOut(value, Script.of(r.readVarBytes("scriptPubKey")));
        });
    }

    public void setWitnessUtxo(int i, TxOut out) {
        put(inputs.get(i), new byte[] {IN_WITNESS_UTXO},
                new ByteWriter().writeInt64(out.value()).writeVarBytes(out.scriptPubKey().bytes()).toByteArray());
    }

    /** Whether input {@code i} carries its final scriptSig or witness. */
    public boolean isFinalized(int i) {
        return single(inputs.get(i), IN_FINAL_SCRIPTWITNESS).isPresent() || single(inputs.get(i), IN_FINAL_SCRIPTSIG).isPresent();
    }

    /** Records an ECDSA signature (with its sighash byte) by {@code pubkey} on input {@code i}. */
    public void addPartialSig(int i, byte[] pubkey, byte[] signature) {
        byte[] key = new byte[1 + pubkey.length];
        key[0] = IN_PARTIAL_SIG;
        System.arraycopy(pubkey, 0, key, 1, pubkey.length);
        put(inputs.get(i), key, signature);
    }

    /** The first partial signature on input {@code i}: its public key and signature. */
    public Optional<Entry> partialSig(int i) {
        return inputs.get(i).stream().filter(e -> e.type() == IN_PARTIAL_SIG).findFirst();
    }

    /** The sighash type input {@code i} asks signers for (PSBT_IN_SIGHASH_TYPE, a little-endian uint32), if any. */
    public Optional<Integer> sighashType(int i) {
        return single(inputs.get(i), IN_SIGHASH_TYPE).map(v -> (int) new ByteReader(v).readUInt32("sighash type"));
    }

    /**
     * Records where a key of input {@code i} comes from (BIP174 PSBT_IN_BIP32_DERIVATION, or for a
     * taproot key BIP371's PSBT_IN_TAP_BIP32_DERIVATION with no leaf hashes and PSBT_IN_TAP_INTERNAL_KEY).
     */
    public void addInputDerivation(int i, byte[] pubkey, int fingerprint, List<Integer> path, boolean taproot) {
        addDerivation(inputs.get(i), pubkey, fingerprint, path, taproot, IN_BIP32_DERIVATION, IN_TAP_BIP32_DERIVATION,
                IN_TAP_INTERNAL_KEY);
    }

    /** {@link #addInputDerivation} for output {@code i} (PSBT_OUT_BIP32_DERIVATION, PSBT_OUT_TAP_*). */
    public void addOutputDerivation(int i, byte[] pubkey, int fingerprint, List<Integer> path, boolean taproot) {
        addDerivation(outputs.get(i), pubkey, fingerprint, path, taproot, OUT_BIP32_DERIVATION, OUT_TAP_BIP32_DERIVATION,
                OUT_TAP_INTERNAL_KEY);
    }

    private static void addDerivation(List<Entry> map, byte[] pubkey, int fingerprint, List<Integer> path,
            boolean taproot, int ecdsaType, int tapType, int internalKeyType) {
        ByteWriter origin = new ByteWriter();
        if (taproot) {
            origin.writeCompactSize(0); // no leaf hashes: a key-path key
        }
        origin.writeBytes(new byte[] {(byte) (fingerprint >>> 24), (byte) (fingerprint >>> 16), (byte) (fingerprint >>> 8),
            (byte) fingerprint});
        path.forEach(step -> origin.writeUInt32(Integer.toUnsignedLong(step)));
        byte[] key = taproot && pubkey.length == 33 ? Arrays.copyOfRange(pubkey, 1, 33) : pubkey;
        byte[] recordKey = new byte[1 + key.length];
        recordKey[0] = (byte) (taproot ? tapType : ecdsaType);
        System.arraycopy(key, 0, recordKey, 1, key.length);
        put(map, recordKey, origin.toByteArray());
        if (taproot) {
            put(map, new byte[] {(byte) internalKeyType}, key);
        }
    }

    /** The records of input {@code i}'s map, in order (a copy). */
    public List<Entry> inputRecords(int i) {
        return List.copyOf(inputs.get(i));
    }

    /** The records of output {@code i}'s map, in order (a copy). */
    public List<Entry> outputRecords(int i) {
        return List.copyOf(outputs.get(i));
    }

    public void setTapKeySig(int i, byte[] signature) {
        put(inputs.get(i), new byte[] {IN_TAP_KEY_SIG}, signature);
    }

    public Optional<byte[]> tapKeySig(int i) {
        return single(inputs.get(i), IN_TAP_KEY_SIG);
    }

    /** Finalizes input {@code i} with {@code witness}, dropping the records only signers need (as BIP174's finalizer). */
    public void finalizeWitness(int i, List<byte[]> witness) {
        ByteWriter w = new ByteWriter().writeCompactSize(witness.size());
        witness.forEach(w::writeVarBytes);
        List<Entry> map = inputs.get(i);
        map.removeIf(e -> e.type() != IN_WITNESS_UTXO && e.type() != 0x00);
        put(map, new byte[] {IN_FINAL_SCRIPTWITNESS}, w.toByteArray());
    }

    /** The final witness of input {@code i}, when finalized. */
    public Optional<List<byte[]>> finalWitness(int i) {
        return single(inputs.get(i), IN_FINAL_SCRIPTWITNESS).map(v -> {
            ByteReader r = new ByteReader(v);
            int n = (int) r.readCompactSize("witness items");
            List<byte[]> items = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                items.add(r.readVarBytes("witness item"));
            }
            return items;
        });
    }

    /** The network-ready transaction when every input is finalized. */
    public Optional<Transaction> extract() {
        List<TxIn> ins = new ArrayList<>();
        for (int i = 0; i < tx.inputs().size(); i++) {
            if (!isFinalized(i)) {
                return Optional.empty();
            }
            TxIn in = tx.inputs().get(i);
            Optional<byte[]> scriptSig = single(inputs.get(i), IN_FINAL_SCRIPTSIG);
            if (scriptSig.isPresent()) {
                in = in.withScriptSig(Script.of(scriptSig.get()));
            }
            Optional<List<byte[]>> witness = finalWitness(i);
            if (witness.isPresent()) {
                in = in.withWitness(witness.get());
            }
            ins.add(in);
        }
        return Optional.of(new Transaction(tx.version(), ins, tx.outputs(), tx.lockTime()));
    }

    public int inputCount() {
        return inputs.size();
    }

    private static Optional<byte[]> single(List<Entry> map, int type) {
        return map.stream().filter(e -> e.key().length == 1 && e.type() == type).map(Entry::value).findFirst();
    }

    private static void put(List<Entry> map, byte[] key, byte[] value) {
        map.removeIf(e -> Arrays.equals(e.key(), key));
        map.add(new Entry(key, value));
    }
}

package org.btcmp.primitives.script;

import java.util.List;
import org.btcmp.primitives.ByteWriter;
import org.btcmp.primitives.Hashes;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;

/** BIP341's signature message and TapSighash for key-path (ext 0) and tapscript (ext 1) spends. */
public final class TaprootSighash {
    private TaprootSighash() {
    }

    /** Whether a taproot hash type is one BIP341 defines. */
    public static boolean isValidHashType(int t) {
        return t == 0 || t == 1 || t == 2 || t == 3 || t == 0x81 || t == 0x82 || t == 0x83;
    }

    /**
     * The sighash, or null when SINGLE has no matching output (the signature then fails).
     * {@code leafHash} null for key-path spends; {@code annex} null when absent.
     */
    public static byte[] hash(Transaction tx, int index, List<TxOut> spent, int hashType, byte[] annex,
            byte[] leafHash, long codeSepPos) {
        int outType = hashType == 0 ? SignatureHash.ALL : hashType & 3;
        boolean anyoneCanPay = (hashType & SignatureHash.ANYONECANPAY) != 0;
        ByteWriter w = new ByteWriter();
        w.writeUInt8(0); // epoch
        w.writeUInt8(hashType);
        w.writeInt32(tx.version());
        w.writeUInt32(tx.lockTime());
        if (!anyoneCanPay) {
            ByteWriter prevouts = new ByteWriter();
            ByteWriter amounts = new ByteWriter();
            ByteWriter scripts = new ByteWriter();
            ByteWriter sequences = new ByteWriter();
            for (int i = 0; i < tx.inputs().size(); i++) {
                TxIn in = tx.inputs().get(i);
                prevouts.writeBytes(in.prevout().toBytes());
                amounts.writeInt64(spent.get(i).value());
                scripts.writeVarBytes(spent.get(i).scriptPubKey().bytes());
                sequences.writeUInt32(in.sequence());
            }
            w.writeBytes(Hashes.sha256(prevouts.toByteArray()));
            w.writeBytes(Hashes.sha256(amounts.toByteArray()));
            w.writeBytes(Hashes.sha256(scripts.toByteArray()));
            w.writeBytes(Hashes.sha256(sequences.toByteArray()));
        }
        if (outType == SignatureHash.ALL) {
            ByteWriter outs = new ByteWriter();
            for (TxOut o : tx.outputs()) {
                outs.writeInt64(o.value()).writeVarBytes(o.scriptPubKey().bytes());
            }
            w.writeBytes(Hashes.sha256(outs.toByteArray()));
        }
        int spendType = (leafHash != null ? 2 : 0) + (annex != null ? 1 : 0);
        w.writeUInt8(spendType);
        if (anyoneCanPay) {
            TxIn in = tx.inputs().get(index);
            w.writeBytes(in.prevout().toBytes());
            w.writeInt64(spent.get(index).value());
            w.writeVarBytes(spent.get(index).scriptPubKey().bytes());
            w.writeUInt32(in.sequence());
        } else {
            w.writeUInt32(index);
        }
        if (annex != null) {
            w.writeBytes(Hashes.sha256(new ByteWriter().writeVarBytes(annex).toByteArray()));
        }
        if (outType == SignatureHash.SINGLE) {
            if (index >= tx.outputs().size()) {
                return null;
            }
            TxOut o = tx.outputs().get(index);
            w.writeBytes(Hashes.sha256(new ByteWriter().writeInt64(o.value()).writeVarBytes(o.scriptPubKey().bytes())
                    .toByteArray()));
        }
        if (leafHash != null) {
            w.writeBytes(leafHash);
            w.writeUInt8(0);
            w.writeUInt32(codeSepPos);
        }
        return Hashes.taggedHash("TapSighash", w.toByteArray());
    }
}

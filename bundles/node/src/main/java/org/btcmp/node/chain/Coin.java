package org.btcmp.node.chain;

import org.btcmp.primitives.ByteReader;
import org.btcmp.primitives.ByteWriter;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.TxOut;

/** An unspent output with the height of the block that created it and whether it came from a coinbase. */
public record Coin(TxOut output, int height, boolean coinbase) {

    void write(ByteWriter w) {
        w.writeInt32(height).writeUInt8(coinbase ? 1 : 0).writeInt64(output.value())
                .writeVarBytes(output.scriptPubKey().bytes());
    }

    static Coin read(ByteReader r) {
        int height = r.readInt32("coin height");
        boolean cb = r.readUInt8("coin coinbase flag") != 0;
        long value = r.readInt64("coin value");
        return new Coin(new TxOut(value, Script.of(r.readVarBytes("coin script"))), height, cb);
    }
}

package org.btcmp.node.chain;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.primitives.ByteReader;
import org.btcmp.primitives.ByteWriter;
import org.btcmp.primitives.DecodeException;

/** The coins a block spent, per non-coinbase transaction and input, to undo it on a reorg. */
record BlockUndo(List<List<Coin>> spent) {

    byte[] toBytes() {
        ByteWriter w = new ByteWriter();
        w.writeCompactSize(spent.size());
        for (List<Coin> tx : spent) {
            w.writeCompactSize(tx.size());
            tx.forEach(c -> c.write(w));
        }
        return w.toByteArray();
    }

    static BlockUndo fromBytes(byte[] b) {
        ByteReader r = new ByteReader(b);
        int n = r.readCount("undo transaction count", 1);
        List<List<Coin>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = r.readCount("undo input count", 14);
            List<Coin> coins = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                coins.add(Coin.read(r));
            }
            all.add(coins);
        }
        if (!r.atEnd()) {
            throw new DecodeException("undo data has " + r.remaining() + " extra bytes");
        }
        return new BlockUndo(all);
    }
}

package org.btcmp.node.net;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.primitives.ByteReader;
import org.btcmp.primitives.ByteWriter;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.Transaction;

/** BIP152's blocktxn: the answer to a getblocktxn, the requested transactions in order (with witnesses). */
record BlockTxn(Hash256 block, List<Transaction> transactions) {
    static final String COMMAND = "blocktxn";

    byte[] encode() {
        ByteWriter w = new ByteWriter().writeHash(block).writeCompactSize(transactions.size());
        for (Transaction tx : transactions) {
            tx.write(w, true);
        }
        return w.toByteArray();
    }

    static BlockTxn decode(byte[] payload) throws MalformedMessageException {
        try {
            ByteReader r = new ByteReader(payload);
            Hash256 block = r.readHash("block hash");
            int n = r.readCount("transactions", 10);
            List<Transaction> txs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                txs.add(Transaction.read(r));
            }
            return new BlockTxn(block, txs);
        } catch (RuntimeException e) {
            throw new MalformedMessageException("blocktxn: " + e.getMessage());
        }
    }
}

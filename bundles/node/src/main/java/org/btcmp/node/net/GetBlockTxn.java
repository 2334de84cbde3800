package org.btcmp.node.net;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.primitives.ByteReader;
import org.btcmp.primitives.ByteWriter;
import org.btcmp.primitives.Hash256;

/** BIP152's getblocktxn: the transactions of a block, by index, that a compact block left the receiver without. */
record GetBlockTxn(Hash256 block, List<Integer> indexes) {
    static final String COMMAND = "getblocktxn";

    byte[] encode() {
        ByteWriter w = new ByteWriter().writeHash(block).writeCompactSize(indexes.size());
        int last = -1;
        for (int i : indexes) {
            w.writeCompactSize(i - last - 1);
            last = i;
        }
        return w.toByteArray();
    }

    static GetBlockTxn decode(byte[] payload) throws MalformedMessageException {
        try {
            ByteReader r = new ByteReader(payload);
            Hash256 block = r.readHash("block hash");
            int n = r.readCount("indexes", 1);
            List<Integer> indexes = new ArrayList<>(n);
            long index = -1;
            for (int i = 0; i < n; i++) {
                index += r.readCompactSize("index") + 1;
                if (index > 0xffff) {
                    throw new MalformedMessageException("getblocktxn: index " + index + " out of range");
                }
                indexes.add((int) index);
            }
            return new GetBlockTxn(block, indexes);
        } catch (RuntimeException e) {
            throw new MalformedMessageException("getblocktxn: " + e.getMessage());
        }
    }
}

package org.btcmp.primitives;

import java.util.ArrayList;
import java.util.List;

/** Core's merkle root, including its detection of the duplicated-pair mutation (CVE-2012-2459). */
public final class MerkleTree {
    private MerkleTree() {
    }

    /** A root and whether two identical siblings were hashed together at any level. */
    public record Root(Hash256 hash, boolean mutated) {
    }

    public static Root compute(List<Hash256> leaves) {
        if (leaves.isEmpty()) {
            return new Root(Hash256.ZERO, false);
        }
        List<Hash256> level = new ArrayList<>(leaves);
        boolean mutated = false;
        while (level.size() > 1) {
            for (int i = 0; i + 1 < level.size(); i += 2) {
                if (level.get(i).equals(level.get(i + 1))) {
                    mutated = true;
                }
            }
            if (level.size() % 2 == 1) {
                level.add(level.get(level.size() - 1));
            }
            List<Hash256> next = new ArrayList<>(level.size() / 2);
            for (int i = 0; i < level.size(); i += 2) {
                byte[] pair = new byte[64];
                System.arraycopy(level.get(i).internalBytes(), 0, pair, 0, 32);
                System.arraycopy(level.get(i + 1).internalBytes(), 0, pair, 32, 32);
                next.add(Hashes.hash256(pair));
            }
            level = next;
        }
        return new Root(level.get(0), mutated);
    }

    public static Root ofTxids(List<Transaction> txs) {
        return compute(txs.stream().map(Transaction::txid).toList());
    }

    /** BIP141 witness root: wtxids with the coinbase's replaced by zero. */
    public static Hash256 witnessRoot(List<Transaction> txs) {
        List<Hash256> leaves = new ArrayList<>(txs.size());
        for (int i = 0; i < txs.size(); i++) {
            leaves.add(i == 0 ? Hash256.ZERO : txs.get(i).wtxid());
        }
        return compute(leaves).hash();
    }
}

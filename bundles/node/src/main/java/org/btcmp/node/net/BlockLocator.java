package org.btcmp.node.net;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.node.chain.BlockIndex;
import org.btcmp.node.chain.ChainState;

/** Core's block locators: the last ten blocks, then exponentially sparser back to genesis. */
final class BlockLocator {
    private BlockLocator() {
    }

    static List<Bytes> of(BlockIndex tip) {
        List<Bytes> out = new ArrayList<>();
        int step = 1;
        int height = tip.height();
        while (true) {
            out.add(Bytes.wrap(tip.ancestor(height).hash().internalBytes()));
            if (height == 0) {
                return out;
            }
            if (out.size() >= 10) {
                step *= 2;
            }
            height = Math.max(height - step, 0);
        }
    }

    /** The newest locator entry on our active chain, or null when none is (the peer shares only genesis). */
    static BlockIndex forkPoint(ChainState chain, List<Bytes> locator) {
        for (Bytes hash : locator) {
            BlockIndex b = chain.lookup(Hashes.of(hash));
            if (b != null && chain.isActive(b)) {
                return b;
            }
        }
        return null;
    }
}

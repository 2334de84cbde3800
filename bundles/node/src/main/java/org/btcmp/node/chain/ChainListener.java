package org.btcmp.node.chain;

import org.btcmp.primitives.Block;

/** Told about tip changes, in order, while the chain lock is held (so keep it short). */
public interface ChainListener {
    void blockConnected(Block block, BlockIndex index);

    void blockDisconnected(Block block, BlockIndex index);
}

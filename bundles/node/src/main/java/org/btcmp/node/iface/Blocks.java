package org.btcmp.node.iface;

import java.io.IOException;
import org.btcmp.interfaces.BlockInfo;
import org.btcmp.interfaces.BlockRef;
import org.btcmp.node.chain.BlockIndex;
import org.btcmp.node.chain.ChainState;
import org.btcmp.primitives.Block;

/** Conversions from chain-state types to the interfaces' value types. */
final class Blocks {
    private Blocks() {
    }

    static BlockRef ref(BlockIndex b) {
        return new BlockRef(b.hash().toString(), b.height());
    }

    static BlockInfo info(ChainState chain, BlockIndex b, Block data) {
        return new BlockInfo(b.hash().toString(), b.height(), b.prev() == null ? "" : b.prev().hash().toString(),
                b.header().time(), b.medianTimePast(), chain.isActive(b), data == null ? new byte[0] : data.toBytes());
    }

    static BlockInfo info(ChainState chain, BlockIndex b, boolean withData) {
        try {
            return info(chain, b, withData ? chain.readBlock(b) : null);
        } catch (IOException e) {
            throw new IllegalStateException("block " + b.hash() + " unreadable: " + e.getMessage(), e);
        }
    }
}

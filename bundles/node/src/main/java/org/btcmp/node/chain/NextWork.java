package org.btcmp.node.chain;

import java.math.BigInteger;
import org.btcmp.primitives.BlockHeader;
import org.btcmp.primitives.ChainParams;

/** Core's GetNextWorkRequired: retarget every 2016 blocks, or keep the parent's bits when retargeting is off. */
final class NextWork {
    private static final int INTERVAL = (int) (ChainParams.POW_TARGET_TIMESPAN / ChainParams.POW_TARGET_SPACING);

    private NextWork() {
    }

    static long required(BlockIndex prev, BlockHeader next, ChainParams params) {
        long limitBits = params.powLimitBits();
        if (prev == null) {
            return limitBits;
        }
        if ((prev.height + 1) % INTERVAL != 0) {
            if (params.powAllowMinDifficultyBlocks() && !params.powNoRetargeting()) {
                if (next.time() > prev.header.time() + ChainParams.POW_TARGET_SPACING * 2) {
                    return limitBits;
                }
                BlockIndex b = prev;
                while (b.prev != null && b.height % INTERVAL != 0 && b.header.bits() == limitBits) {
                    b = b.prev;
                }
                return b.header.bits();
            }
            return prev.header.bits();
        }
        if (params.powNoRetargeting()) {
            return prev.header.bits();
        }
        BlockIndex first = prev.ancestor(prev.height - (INTERVAL - 1));
        long span = prev.header.time() - first.header.time();
        span = Math.max(ChainParams.POW_TARGET_TIMESPAN / 4, Math.min(ChainParams.POW_TARGET_TIMESPAN * 4, span));
        BigInteger target = BlockHeader.targetFromBits(prev.header.bits())
                .multiply(BigInteger.valueOf(span)).divide(BigInteger.valueOf(ChainParams.POW_TARGET_TIMESPAN));
        if (target.compareTo(params.powLimit()) > 0) {
            target = params.powLimit();
        }
        return BlockHeader.bitsFromTarget(target);
    }
}

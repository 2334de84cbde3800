package org.btcmp.node.chain;

/** Consensus limits (facts from Core's consensus/consensus.h and policy of the protocol). */
final class Consensus {
    static final int MAX_BLOCK_WEIGHT = 4_000_000;
    static final int MAX_BLOCK_SIGOPS_COST = 80_000;
    static final int WITNESS_SCALE_FACTOR = 4;
    static final long MAX_FUTURE_BLOCK_TIME = 2 * 60 * 60;
    static final long LOCKTIME_THRESHOLD = 500_000_000L;
    static final int MEDIAN_TIME_SPAN = 11;

    private Consensus() {
    }
}

package org.btcmp.node.rpc;

import java.util.concurrent.atomic.AtomicLong;
import org.btcmp.node.chain.ChainState;
import org.btcmp.node.chain.Mempool;
import org.btcmp.node.chain.Miner;
import org.btcmp.primitives.ChainParams;

/** What RPC commands act on: the chain, the mempool, the miner, the mock clock and shutdown. */
public record NodeContext(ChainState chain, Mempool mempool, Miner miner, AtomicLong mockTime, long startTime,
        Runnable requestStop) {

    public ChainParams params() {
        return chain.params();
    }
}

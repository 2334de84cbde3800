package org.btcmp.node.rpc;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.btcmp.node.chain.ChainState;
import org.btcmp.node.chain.Mempool;
import org.btcmp.node.chain.Miner;
import org.btcmp.primitives.ChainParams;

/**
 * What RPC commands act on: the chain, the mempool, the miner, the mock clock, shutdown, the
 * network directory (mempool.dat, debug.log) and the debug log categories.
 */
public record NodeContext(ChainState chain, Mempool mempool, Miner miner, AtomicLong mockTime, long startTime,
        Runnable requestStop, Path netDir, LogCategories logCategories) {

    public NodeContext(ChainState chain, Mempool mempool, Miner miner, AtomicLong mockTime, long startTime,
            Runnable requestStop) {
        this(chain, mempool, miner, mockTime, startTime, requestStop, null, new LogCategories());
    }

    /** Core's MempoolPath: {@code <netdir>/mempool.dat}. */
    public Path mempoolFile() {
        return netDir.resolve("mempool.dat");
    }

    public ChainParams params() {
        return chain.params();
    }
}

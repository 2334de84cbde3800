package org.btcmp.node.chain;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.Hash256;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;

/** A regtest chain state, mempool and miner on a temporary directory, with a clock tests move. */
final class TestChain implements AutoCloseable {
    static final ChainParams REGTEST = ChainParams.of(ChainType.REGTEST);

    final Path dir;
    final AtomicLong clock;
    final ChainState chain;
    final Mempool mempool;
    final Miner miner;
    final TestKey key = new TestKey("miner");

    TestChain(Path dir) throws IOException {
        this(dir, new AtomicLong(1_700_000_000L));
    }

    TestChain(Path dir, AtomicLong clock) throws IOException {
        this(dir, clock, ChainState.DEFAULT_DB_CACHE_MIB << 20);
    }

    /** A chain whose -dbcache budget is {@code dbCacheBytes} (tiny budgets force coins out of memory). */
    TestChain(Path dir, AtomicLong clock, long dbCacheBytes) throws IOException {
        this.dir = dir;
        this.clock = clock;
        chain = new ChainState(REGTEST, dir, clock::get, dbCacheBytes);
        mempool = new Mempool(chain);
        miner = new Miner(chain, mempool);
    }

    TestChain reopen() throws IOException {
        close();
        return new TestChain(dir, clock);
    }

    /** Mines {@code n} blocks to the test key, one second apart; returns their hashes. */
    List<Hash256> mine(int n) throws Exception {
        List<Hash256> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clock.incrementAndGet();
            out.add(miner.generate(key.script, null));
        }
        return out;
    }

    /** The coinbase output of the active block at {@code height}. */
    OutPoint coinbaseAt(int height) throws IOException {
        Block b = chain.readBlock(chain.atHeight(height));
        return new OutPoint(b.transactions().get(0).txid(), 0);
    }

    long coinbaseValue(int height) throws IOException {
        return chain.readBlock(chain.atHeight(height)).transactions().get(0).outputs().get(0).value();
    }

    /** A solved block on {@code parent} with the given transactions (not submitted). */
    Block blockOn(BlockIndex parent, List<Transaction> txs) {
        clock.incrementAndGet();
        return Miner.solve(miner.templateOn(parent, key.script, txs));
    }

    @Override
    public void close() throws IOException {
        chain.close();
    }
}

package org.btcmp.node.chain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxOut;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a unit test (tag "benchmark", excluded by default): builds a regtest chain of
 * {@code bench.blocks} blocks with {@code bench.txs} signed P2WPKH transactions each, then times
 * connecting all of them into a fresh chain state (full validation incl. signatures, storage).
 */
@Tag("benchmark")
class BlockConnectBenchmark {

    /** CPU time of this JVM (all threads): less sensitive than wall time to other work on a shared machine. */
    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    @Test
    void blocksConnectedPerSecond() throws Exception {
        int blocks = Integer.getInteger("bench.blocks", 2000);
        int txs = Integer.getInteger("bench.txs", 50);
        Path dir = Files.createTempDirectory("bench-build");
        List<Block> chain = new ArrayList<>();
        try (TestChain t = new TestChain(dir.resolve("a"))) {
            t.mine(101);
            for (int h = 1; h <= 101; h++) {
                chain.add(t.chain.readBlock(t.chain.atHeight(h)));
            }
            List<OutPoint> fan = List.of();
            long each = 0;
            while (t.chain.height() < blocks) {
                int h = t.chain.height();
                OutPoint cb = t.coinbaseAt(h - 100);
                long value = t.coinbaseValue(h - 100);
                List<Transaction> body = new ArrayList<>();
                for (OutPoint o : fan) {
                    body.add(t.key.spend(o, each, each - 1_000, t.key.script));
                }
                long share = (value - 10_000) / txs;
                List<TxOut> outs = new ArrayList<>();
                for (int i = 0; i < txs; i++) {
                    outs.add(new TxOut(share, t.key.script));
                }
                Transaction fanOut = t.key.spend(List.of(cb), List.of(value), outs);
                body.add(fanOut);
                t.clock.incrementAndGet();
                Block b = Miner.solve(t.miner.template(t.key.script, body));
                t.chain.processBlock(b);
                if (t.chain.isInvalid(b.hash())) {
                    throw new AssertionError("benchmark block invalid: " + t.chain.failureReason(b.hash()));
                }
                chain.add(b);
                fan = new ArrayList<>();
                for (int i = 0; i < txs; i++) {
                    fan.add(new OutPoint(fanOut.txid(), i));
                }
                each = share;
            }
        }
        long totalTx = chain.stream().mapToLong(b -> b.transactions().size()).sum();
        AtomicLong clock = new AtomicLong(1_800_000_000L);
        try (ChainState fresh = new ChainState(TestChain.REGTEST, dir.resolve("b"), clock::get)) {
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            for (Block b : chain) {
                fresh.processBlock(b);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (processCpuNanos() - cpuStart) / 1e9;
            if (fresh.height() != blocks) {
                throw new AssertionError("connected " + fresh.height() + " of " + blocks);
            }
            System.out.printf("BENCHMARK blocks connected: %d blocks (%d transactions) in %.1f s = %.1f blocks/s,"
                    + " %.0f tx/s; process CPU %.1f s (%.1f blocks per CPU second; the rest is waiting"
                    + " for fsync or for the CPU on a shared machine)%n", blocks, totalTx, seconds, blocks / seconds,
                    totalTx / seconds, cpu, blocks / cpu);
        }
    }
}

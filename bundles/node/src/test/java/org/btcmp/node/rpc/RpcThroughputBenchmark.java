package org.btcmp.node.rpc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.NodeConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Benchmark (tag "benchmark", excluded by default): getblockcount calls per second from 8 client threads. */
@Tag("benchmark")
class RpcThroughputBenchmark {

    @Test
    void getblockcountCallsPerSecond() throws Exception {
        int threads = Integer.getInteger("bench.threads", 8);
        long millis = Long.getLong("bench.millis", 10_000);
        Path dir = Files.createTempDirectory("bench-rpc");
        try (BitcoinNode node = BitcoinNode.start(NodeConfig.regtest(dir, -1))) {
            RpcClient client = RpcClient.withCookie(node.rpcPort(), dir.resolve("regtest/.cookie"));
            AtomicLong calls = new AtomicLong();
            long end = System.currentTimeMillis() + millis;
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(() -> {
                    try {
                        while (System.currentTimeMillis() < end) {
                            client.call("getblockcount", "[]");
                            calls.incrementAndGet();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                workers.add(t);
                t.start();
            }
            for (Thread t : workers) {
                t.join();
            }
            System.out.printf("BENCHMARK rpc: %d getblockcount calls from %d threads in %.1f s = %.0f calls/s%n",
                    calls.get(), threads, millis / 1000.0, calls.get() * 1000.0 / millis);
        }
    }
}

package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark (tag "benchmark": excluded from test runs; bench/p2p-sync runs it): the time our node takes to sync
 * a regtest chain from bcoin 1.0.2 and bcoin takes to sync the same chain from our node. The chain opens with
 * 432 blocks mined by bcoin (its segwit activation height, see BcoinSyncTest), paying to P2SH(OP_TRUE); every
 * later block, mined by our node, carries a transaction spending the coinbase 100 blocks back.
 */
@Tag("benchmark")
class BcoinSyncBench {
    private static final int SEGWIT_HEIGHT = 432;
    /** bcoin's regtest address for P2SH(OP_TRUE), hash160(0x51) = da1745e9... (computed with bcoin's Address). */
    private static final String P2SH_OP_TRUE = "Gdj5bzLLUhMjQFe3WiukAMfxBTHTuWgw7f";
    private static final Script OP_TRUE = Script.of(new byte[] {0x51});
    private static final long FEE = 1_000;

    @TempDir
    Path temp;

    private static void await(Callable<Boolean> condition, long timeoutSeconds, String what) throws Exception {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    /** Spends the first output of the coinbase {@code 100} blocks below {@code height} to OP_TRUE. */
    private static Transaction spendMatureCoinbase(SyncNode node, int height) throws Exception {
        int from = height - 100;
        Block source = node.chain.readBlock(node.chain.atHeight(from));
        Transaction coinbase = source.transactions().get(0);
        // bcoin's blocks pay P2SH(OP_TRUE): the scriptSig pushes the redeem script; ours pay bare OP_TRUE.
        Script scriptSig = from <= SEGWIT_HEIGHT ? Script.of(new byte[] {0x01, 0x51}) : Script.EMPTY;
        TxIn in = new TxIn(new OutPoint(coinbase.txid(), 0), scriptSig, TxIn.SEQUENCE_FINAL);
        return new Transaction(2, List.of(in), List.of(new TxOut(coinbase.outputs().get(0).value() - FEE, OP_TRUE)), 0);
    }

    @Test
    void syncTimesBothWays() throws Exception {
        int blocks = Integer.getInteger("btcmp.bench.blocks", 5000);
        Path install = BcoinNode.install();
        BcoinNode.assumeInstalled();
        try (SyncNode miner = new SyncNode(temp.resolve("miner"))) {
            try (BcoinNode prefix = BcoinNode.start(install, temp.resolve("bcoin-prefix"),
                    List.of("--only=127.0.0.1:" + BcoinNode.freePort()))) {
                prefix.rpc("generatetoaddress", Integer.toString(SEGWIT_HEIGHT), "\"" + P2SH_OP_TRUE + "\"");
                Peer peer = miner.net.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), prefix.p2pPort),
                        ConnectionType.MANUAL);
                await(() -> miner.chain.height() == SEGWIT_HEIGHT, 300, "the segwit prefix");
                peer.disconnect();
            }
            long miningStart = System.nanoTime();
            for (int h = SEGWIT_HEIGHT + 1; h <= blocks; h++) {
                miner.miner.generate(OP_TRUE, List.of(spendMatureCoinbase(miner, h)));
            }
            double miningSeconds = (System.nanoTime() - miningStart) / 1e9;
            String tip = miner.tip();

            InetSocketAddress listening = miner.listen();
            List<Long> marks = new ArrayList<>();
            try (BcoinNode bcoin = BcoinNode.start(install, temp.resolve("bcoin"),
                    List.of("--only=127.0.0.1:" + listening.getPort()))) {
                await(() -> !miner.net.peers().isEmpty(), 60, "bcoin to connect");
                marks.add(System.nanoTime());
                await(() -> bcoin.bestBlockHash().equals(tip), 3600, "bcoin to sync from us");
                marks.add(System.nanoTime());

                try (SyncNode fresh = new SyncNode(temp.resolve("fresh"))) {
                    marks.add(System.nanoTime());
                    fresh.net.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), bcoin.p2pPort),
                            ConnectionType.MANUAL);
                    await(() -> fresh.tip().equals(tip), 3600, "our node to sync from bcoin");
                    marks.add(System.nanoTime());
                    assertEquals(blocks, fresh.chain.height());
                }
            }
            double bcoinSeconds = (marks.get(1) - marks.get(0)) / 1e9;
            double oursSeconds = (marks.get(3) - marks.get(2)) / 1e9;
            System.out.printf("p2p sync of %d regtest blocks (%d with a transaction besides the coinbase):%n"
                    + "  our node from bcoin: %.1f s, %.0f blocks/s%n"
                    + "  bcoin from our node: %.1f s, %.0f blocks/s%n"
                    + "  ratio (our sync speed / bcoin's): %.2f%n"
                    + "  for scale, without P2P: our node mined and stored %d blocks at %.0f blocks/s%n",
                    blocks, blocks - SEGWIT_HEIGHT, oursSeconds, blocks / oursSeconds, bcoinSeconds,
                    blocks / bcoinSeconds, bcoinSeconds / oursSeconds, blocks - SEGWIT_HEIGHT,
                    (blocks - SEGWIT_HEIGHT) / miningSeconds);
        }
    }
}

package org.btcmp.wallet.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.Hashes;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.btcmp.primitives.crypto.PrivateKey;
import org.btcmp.primitives.script.Address;
import org.btcmp.primitives.script.SignatureHash;

/**
 * Benchmark (not a test): the time a wallet takes to sync BLOCKS blocks holding PER_BLOCK payments to
 * it each (issue 8: 2 000 x 50). The payments come from a plain key outside any wallet (fanned out
 * first, so no transaction waits on another), the wallet is created before them and attached after.
 * Run: bench/wallet-sync [blocks] [payments per block]
 */
public final class WalletSyncBenchmark {
    private static final long COIN = 100_000_000L;
    private static final int FAN_OUT = 2_000;
    private static final long PAYMENT = 100_000;
    private static final long FEE = 2_000;

    private final PrivateKey key = new PrivateKey(Hashes.sha256("wallet sync benchmark".getBytes()));
    private final byte[] pub = key.publicKey(true).encoded();
    private final Script funder = ScriptBuilder.witness(0, Hashes.hash160(pub));
    private long coinValue; // of each fanned-out coin

    private WalletSyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int perBlock = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        new WalletSyncBenchmark().run(blocks, perBlock);
    }

    private void run(int blocks, int perBlock) throws Exception {
        Path dir = Files.createTempDirectory("wallet-sync-bench");
        WalletOptions options = WalletOptions.of(ChainType.REGTEST).withKeypoolSize(1_000);
        try (RegtestNode node = new RegtestNode(dir.resolve("node"));
                DescriptorWallet wallet = DescriptorWallet.create(dir.resolve("w"), options, WalletOptions.Seed.random())) {
            List<Script> receive = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                receive.add(Address.toScript(wallet.getNewAddress("bech32", ""), ChainParams.of(ChainType.REGTEST)));
            }
            long t0 = System.nanoTime();
            List<OutPoint> coins = fund(node, (blocks * perBlock + FAN_OUT - 1) / FAN_OUT);
            int next = 0;
            for (int b = 0; b < blocks; b++) {
                for (int i = 0; i < perBlock; i++) {
                    Script to = receive.get((b * perBlock + i) % receive.size());
                    node.node.mempool().accept(spend(coins.get(next++), FEE, to), false);
                }
                node.node.miner().generate(funder, null);
            }
            long t1 = System.nanoTime();
            System.out.printf("chain built: %d blocks with %d wallet payments each in %.1f s%n", blocks, perBlock,
                    (t1 - t0) / 1e9);
            long t2 = System.nanoTime();
            try (WalletSync sync = WalletSync.attach(wallet, node.chain)) {
                long t3 = System.nanoTime();
                System.out.printf("wallet sync of %d blocks (%d with %d wallet transactions each): %.2f s"
                        + " (%.0f wallet transactions per second); balances %s%n", node.height() + 1, blocks, perBlock,
                        (t3 - t2) / 1e9, blocks * perBlock / ((t3 - t2) / 1e9), sync.balances());
            }
        }
    }

    /** Mines coinbases to the funding key and fans each out into FAN_OUT coins; returns them, confirmed. */
    private List<OutPoint> fund(RegtestNode node, int fanOuts) throws Exception {
        List<Transaction> coinbases = new ArrayList<>();
        for (int i = 0; i < fanOuts; i++) {
            node.node.miner().generate(funder, null);
            coinbases.add(node.node.chain().readBlock(node.node.chain().atHeight(node.height())).transactions().get(0));
        }
        for (int i = 0; i < 100; i++) {
            node.node.miner().generate(funder, null);
        }
        List<OutPoint> coins = new ArrayList<>();
        for (Transaction coinbase : coinbases) {
            List<TxOut> outs = new ArrayList<>();
            long each = (coinbase.outputs().get(0).value() - COIN / 100) / FAN_OUT;
            for (int i = 0; i < FAN_OUT; i++) {
                outs.add(new TxOut(each, funder));
            }
            Transaction fan = sign(new Transaction(2, List.of(new TxIn(new OutPoint(coinbase.txid(), 0), Script.EMPTY,
                    TxIn.SEQUENCE_FINAL)), outs, 0), coinbase.outputs().get(0).value());
            node.node.mempool().accept(fan, false);
            for (int i = 0; i < FAN_OUT; i++) {
                coins.add(new OutPoint(fan.txid(), i));
            }
            coinValue = each;
        }
        while (node.node.mempool().size() > 0) {
            node.node.miner().generate(funder, null);
        }
        return coins;
    }

    private Transaction spend(OutPoint coin, long fee, Script to) {
        Transaction tx = new Transaction(2, List.of(new TxIn(coin, Script.EMPTY, TxIn.SEQUENCE_FINAL)),
                List.of(new TxOut(PAYMENT, to), new TxOut(coinValue - PAYMENT - fee, funder)), 0);
        return sign(tx, coinValue);
    }

    private Transaction sign(Transaction tx, long value) {
        byte[] digest = SignatureHash.witnessV0(tx, 0, ScriptBuilder.p2pkh(Hashes.hash160(pub)), value, SignatureHash.ALL);
        byte[] der = key.sign(digest).toDer();
        byte[] sig = Arrays.copyOf(der, der.length + 1);
        sig[der.length] = SignatureHash.ALL;
        TxIn signed = tx.inputs().get(0).withWitness(List.of(sig, pub));
        return new Transaction(tx.version(), List.of(signed), tx.outputs(), tx.lockTime());
    }
}

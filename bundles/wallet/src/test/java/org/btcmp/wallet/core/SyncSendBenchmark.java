package org.btcmp.wallet.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.btcmp.common.args.ChainType;

/**
 * Benchmark (not a test): sends per second from a wallet on an in-process regtest node, and the time
 * a second wallet, detached meanwhile, takes to sync the blocks holding those payments.
 * Run: java -cp <test classpath> org.btcmp.wallet.core.SyncSendBenchmark [blocks] [sends per block]
 */
public final class SyncSendBenchmark {
    private SyncSendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int perBlock = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("sync-bench");
        WalletOptions options = WalletOptions.of(ChainType.REGTEST).withKeypoolSize(100);
        try (RegtestNode node = new RegtestNode(dir.resolve("node"));
                DescriptorWallet alice = DescriptorWallet.create(dir.resolve("alice"), options, WalletOptions.Seed.random());
                DescriptorWallet bob = DescriptorWallet.create(dir.resolve("bob"), options, WalletOptions.Seed.random())) {
            WalletSync aliceSync = WalletSync.attach(alice, node.chain);
            WalletSync bobSync = WalletSync.attach(bob, node.chain);
            bobSync.close();
            node.mine(101, alice.getNewAddress("bech32", ""));
            WalletSender sender = new WalletSender(alice, aliceSync, node.chain, 10_000);
            long sendNanos = 0;
            for (int b = 0; b < blocks; b++) {
                long t = System.nanoTime();
                for (int i = 0; i < perBlock; i++) {
                    sender.send(List.of(new WalletSender.Recipient(bob.getNewAddress("bech32", ""), 100_000)),
                            OptionalLong.empty());
                }
                sendNanos += System.nanoTime() - t;
                node.mine(1, alice.getNewAddress("bech32", ""));
            }
            int sends = blocks * perBlock;
            System.out.printf("sends: %d in %.2f s = %.1f per second%n", sends, sendNanos / 1e9, sends / (sendNanos / 1e9));
            long t0 = System.nanoTime();
            bobSync = WalletSync.attach(bob, node.chain);
            long t1 = System.nanoTime();
            System.out.printf("sync of %d blocks (%d with %d wallet transactions each): %.2f s; bob's balances %s%n",
                    node.height() + 1, blocks, perBlock, (t1 - t0) / 1e9, bobSync.balances());
            bobSync.close();
            aliceSync.close();
        }
    }
}

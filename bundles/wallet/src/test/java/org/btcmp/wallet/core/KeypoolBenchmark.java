package org.btcmp.wallet.core;

import java.nio.file.Files;
import java.nio.file.Path;
import org.btcmp.common.args.ChainType;

/**
 * Benchmark (not a test): time to create a wallet with Core's default keypool of 1000 per descriptor
 * (8000 derived scripts), and getnewaddress calls per second (each one durable commit plus one derivation).
 * Run: java -cp <test classpath> org.btcmp.wallet.core.KeypoolBenchmark [addresses]
 */
public final class KeypoolBenchmark {
    private KeypoolBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int addresses = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path dir = Files.createTempDirectory("keypool-bench");
        WalletOptions options = WalletOptions.of(ChainType.REGTEST);
        long t0 = System.nanoTime();
        try (DescriptorWallet w = DescriptorWallet.create(dir.resolve("w"), options, WalletOptions.Seed.random())) {
            long t1 = System.nanoTime();
            System.out.printf("create with keypool %d x 8 descriptors: %.2f s%n", options.keypoolSize(), (t1 - t0) / 1e9);
            for (int i = 0; i < addresses; i++) {
                w.getNewAddress(i % 2 == 0 ? "bech32" : "bech32m", "");
            }
            long t2 = System.nanoTime();
            System.out.printf("getnewaddress: %d in %.2f s = %.0f per second%n", addresses, (t2 - t1) / 1e9,
                    addresses / ((t2 - t1) / 1e9));
        }
        long t3 = System.nanoTime();
        try (DescriptorWallet w = DescriptorWallet.load(dir.resolve("w"), options)) {
            System.out.printf("load: %.2f s (file %d bytes)%n", (System.nanoTime() - t3) / 1e9, Files.size(w.file()));
        }
    }
}

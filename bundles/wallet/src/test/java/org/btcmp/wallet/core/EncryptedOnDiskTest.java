package org.btcmp.wallet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.btcmp.common.args.ChainType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Once a wallet is encrypted, no plaintext secret is left in its files (main file, log, index). */
class EncryptedOnDiskTest {
    @TempDir
    Path dir;

    private final WalletOptions options = WalletOptions.of(ChainType.REGTEST).withKeypoolSize(3);

    /** Every file of the wallet directory, concatenated (the -wal and -shm files included, if any). */
    private byte[] allBytes(Path walletDir) throws IOException {
        List<byte[]> parts = new ArrayList<>();
        try (Stream<Path> files = Files.list(walletDir)) {
            for (Path f : files.toList()) {
                parts.add(Files.readAllBytes(f));
            }
        }
        int total = parts.stream().mapToInt(p -> p.length).sum();
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The tprv inside the first private descriptor: the master key in Base58. */
    private static String masterTprv(List<String> privateDescriptors) {
        String d = privateDescriptors.get(0);
        int start = d.indexOf("tprv");
        return d.substring(start, d.indexOf('/', start));
    }

    @Test
    void encryptwalletLeavesNoPlaintextSecretBehind() throws IOException {
        Path walletDir = dir.resolve("w");
        String tprv;
        String words;
        try (DescriptorWallet w = DescriptorWallet.create(walletDir, options, WalletOptions.Seed.random())) {
            tprv = masterTprv(w.privateDescriptors());
            words = w.mnemonic();
            w.getNewAddress("bech32", "");
        }
        byte[] before = allBytes(walletDir);
        assertTrue(contains(before, tprv), "the test can see plaintext keys when they are there");
        assertTrue(contains(before, words));

        try (DescriptorWallet w = DescriptorWallet.load(walletDir, options)) {
            w.encrypt("s3cret");
            byte[] whileOpen = allBytes(walletDir);
            assertFalse(contains(whileOpen, tprv), "master key in plaintext after encryptwallet");
            assertFalse(contains(whileOpen, words), "mnemonic in plaintext after encryptwallet");
            w.unlock("s3cret", Duration.ofMinutes(1));
            assertEquals(tprv, masterTprv(w.privateDescriptors()));
        }
        byte[] after = allBytes(walletDir);
        assertFalse(contains(after, tprv));
        assertFalse(contains(after, words));
    }

    @Test
    void aWalletEncryptedAtCreationNeverHoldsPlaintext() throws IOException {
        Path walletDir = dir.resolve("w");
        String tprv;
        String words;
        try (DescriptorWallet w = DescriptorWallet.create(walletDir, options,
                WalletOptions.Seed.random().encryptedWith("from birth"))) {
            byte[] fresh = allBytes(walletDir);
            w.unlock("from birth", Duration.ofMinutes(1));
            tprv = masterTprv(w.privateDescriptors());
            words = w.mnemonic();
            assertFalse(contains(fresh, tprv));
            assertFalse(contains(fresh, words));
        }
        assertFalse(contains(allBytes(walletDir), tprv));
        assertFalse(contains(allBytes(walletDir), words));
    }
}

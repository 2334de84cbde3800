package org.btcmp.wallet.core;

import static org.btcmp.wallet.core.RegtestNode.COIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.Wallet;
import org.btcmp.interfaces.WalletBalances;
import org.btcmp.common.args.ChainType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Wallet interface over a wallet following a regtest node: balances, addresses, sends, change notifications. */
class WalletServiceTest {
    @TempDir
    Path dir;

    @Test
    void walletInterfaceSendsAndNotifiesUntilDisconnected() throws Exception {
        WalletOptions options = WalletOptions.of(ChainType.REGTEST).withKeypoolSize(20);
        try (RegtestNode node = new RegtestNode(dir.resolve("node"));
                DescriptorWallet a = DescriptorWallet.create(dir.resolve("a"), options, WalletOptions.Seed.random());
                DescriptorWallet b = DescriptorWallet.create(dir.resolve("b"), options, WalletOptions.Seed.random());
                WalletSync aSync = WalletSync.attach(a, node.chain);
                WalletSync bSync = WalletSync.attach(b, node.chain)) {
            Wallet alice = new WalletService("alice", a, aSync, new WalletSender(a, aSync, node.chain, 0));
            Wallet bob = new WalletService("bob", b, bSync, new WalletSender(b, bSync, node.chain, 0));
            AtomicInteger bobChanges = new AtomicInteger();
            Handler h = bob.handleBalanceChanged(bobChanges::incrementAndGet);

            node.mine(101, alice.getNewAddress("bech32", ""));
            assertEquals("alice", alice.getWalletName());
            assertEquals(new WalletBalances(50 * COIN, 0, 100 * 50 * COIN), alice.getBalances());
            int beforePayment = bobChanges.get();
            assertTrue(beforePayment >= 101, "bob hears of every block: " + beforePayment);

            String txid = alice.sendToAddress(bob.getNewAddress("bech32m", "from alice"), 2 * COIN, 5_000);
            assertTrue(node.chain.isInMempool(txid));
            assertEquals(new WalletBalances(0, 2 * COIN, 0), bob.getBalances());
            assertTrue(bobChanges.get() > beforePayment);
            WalletError noFee = assertThrows(WalletError.class, () -> alice.sendToAddress(bob.getNewAddress("bech32", ""), COIN, 0));
            assertEquals(-4, noFee.code(), "no fee rate and no fallback fee");

            h.disconnect();
            int atDisconnect = bobChanges.get();
            node.mine(1, alice.getNewAddress("bech32", ""));
            assertEquals(atDisconnect, bobChanges.get());
            assertEquals(new WalletBalances(2 * COIN, 0, 0), bob.getBalances());
        }
    }

    @Test
    void theFeePreviewIsWhatTheSendPaysAndTheFeeRateFollowsTheTarget() throws Exception {
        WalletOptions options = WalletOptions.of(ChainType.REGTEST).withKeypoolSize(20);
        long fallback = 20_000;
        try (RegtestNode node = new RegtestNode(dir.resolve("node"));
                DescriptorWallet a = DescriptorWallet.create(dir.resolve("a"), options, WalletOptions.Seed.random());
                WalletSync aSync = WalletSync.attach(a, node.chain)) {
            Wallet alice = new WalletService("alice", a, aSync, new WalletSender(a, aSync, node.chain, fallback));
            node.mine(101, alice.getNewAddress("bech32", ""));
            assertEquals(fallback, alice.getFeeRate(6), "regtest has no estimates yet: the fallback rate");
            assertEquals(fallback, alice.getFeeRate(1));
            assertEquals(-8, assertThrows(WalletError.class, () -> alice.getFeeRate(0)).code());
            assertEquals(-8, assertThrows(WalletError.class, () -> alice.getFeeRate(100_000)).code());

            String to = alice.getNewAddress("bech32m", "");
            assertEquals(-6, assertThrows(WalletError.class, () -> alice.estimateSendFee(to, 60 * COIN, 5_000)).code());
            assertEquals(-4, assertThrows(WalletError.class, () -> alice.estimateSendFee(to, COIN, 50)).code(),
                    "under the relay minimum, as the send refuses it");
            long atFallback = alice.estimateSendFee(to, 2 * COIN, 0);
            long preview = alice.estimateSendFee(to, 2 * COIN, 5_000);
            assertEquals(atFallback, preview * 4, 4, "the same transaction at 4 times the rate");
            assertEquals(preview, alice.estimateSendFee(to, 2 * COIN, 5_000), "a preview changes nothing");
            assertEquals(new WalletBalances(50 * COIN, 0, 100 * 50 * COIN), alice.getBalances(), "nothing sent");

            alice.sendToAddress(to, 2 * COIN, 5_000);
            WalletBalances after = alice.getBalances();
            long paid = 50 * COIN - (after.trusted() + after.untrustedPending());
            assertEquals(preview, paid, "the preview is the fee the send paid");
        }
    }
}

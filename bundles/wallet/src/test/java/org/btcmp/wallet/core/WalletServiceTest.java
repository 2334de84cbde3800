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
}

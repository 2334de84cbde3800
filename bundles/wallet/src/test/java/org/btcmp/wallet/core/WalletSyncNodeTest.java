package org.btcmp.wallet.core;

import org.btcmp.primitives.ChainParams;
import static org.btcmp.wallet.core.RegtestNode.COIN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.script.Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wallet following a real in-process regtest node: coinbase maturity, reorgs, catching up after a detach. */
class WalletSyncNodeTest {
    /** A P2WPKH address of no one's key. */
    private static final String OTHER = Address.fromScript(ScriptBuilder.witness(0, new byte[20]),
            ChainParams.of(ChainType.REGTEST)).orElseThrow();

    @TempDir
    Path dir;
    RegtestNode node;
    DescriptorWallet wallet;

    @BeforeEach
    void start() throws Exception {
        node = new RegtestNode(dir.resolve("node"));
        wallet = DescriptorWallet.create(dir.resolve("w"), WalletOptions.of(ChainType.REGTEST).withKeypoolSize(20),
                WalletOptions.Seed.random());
    }

    @AfterEach
    void stop() throws Exception {
        wallet.close();
        node.close();
    }

    @Test
    void minedCoinsMatureAfterOneHundredBlocksAndFollowInvalidation() throws Exception {
        try (WalletSync sync = WalletSync.attach(wallet, node.chain)) {
            assertEquals(new Balances(0, 0, 0), sync.balances());
            node.mine(101, wallet.getNewAddress("bech32", ""));
            assertEquals(101, sync.lastBlock().orElseThrow().height());
            assertEquals(new Balances(50 * COIN, 0, 100 * 50 * COIN), sync.balances());

            String removed = node.node.chain().tip().hash().toString();
            node.invalidateTip();
            assertEquals(100, sync.lastBlock().orElseThrow().height());
            assertEquals(new Balances(0, 0, 100 * 50 * COIN), sync.balances(),
                    "block 101's coinbase is out of the chain and block 1's is immature again");

            node.mine(2, OTHER);
            assertEquals(new Balances(2 * 50 * COIN, 0, 98 * 50 * COIN), sync.balances());

            node.reconsider(removed); // the old branch is shorter: nothing changes
            assertEquals(102, sync.lastBlock().orElseThrow().height());
            assertEquals(new Balances(2 * 50 * COIN, 0, 98 * 50 * COIN), sync.balances());
        }
    }

    @Test
    void catchesUpFromItsBirthdayAndAcrossAReorgWhileDetached() throws Exception {
        String address = wallet.getNewAddress("bech32m", "");
        node.mine(110, address);
        WalletSync sync = WalletSync.attach(wallet, node.chain);
        assertEquals(110, sync.lastBlock().orElseThrow().height());
        assertEquals(new Balances(10 * 50 * COIN, 0, 100 * 50 * COIN), sync.balances());
        sync.close();

        node.invalidateTip();
        node.invalidateTip();
        node.mine(3, OTHER); // height 111, the wallet's last two blocks replaced
        sync = WalletSync.attach(wallet, node.chain);
        assertEquals(node.node.chain().tip().hash().toString(), sync.lastBlock().orElseThrow().hash());
        // 108 own coinbases: blocks 1..11 are mature at height 111, 12..108 immature
        assertEquals(new Balances(11 * 50 * COIN, 0, 97 * 50 * COIN), sync.balances());
        sync.close();
    }

    @Test
    void rescanFindsPaymentsToAnImportedDescriptor() throws Exception {
        WalletOptions options = WalletOptions.of(ChainType.REGTEST).withKeypoolSize(20);
        try (WalletSync sync = WalletSync.attach(wallet, node.chain);
                DescriptorWallet other = DescriptorWallet.create(dir.resolve("other"), options, WalletOptions.Seed.random())) {
            node.mine(3, other.getNewAddress("bech32", ""));
            node.mine(100, OTHER);
            assertEquals(new Balances(0, 0, 0), sync.balances());

            String wpkhReceive = other.privateDescriptors().stream().filter(d -> d.startsWith("wpkh(") && d.contains("/0/*"))
                    .findFirst().orElseThrow();
            wallet.importDescriptor(wpkhReceive, false, false, 10, "");
            assertEquals(new Balances(0, 0, 0), sync.balances(), "nothing known before the rescan");
            assertEquals(103, sync.rescan(0));
            assertEquals(new Balances(3 * 50 * COIN, 0, 0), sync.balances());
            assertEquals(new Balances(3 * 50 * COIN, 0, 0), sync.balances(), "a second rescan changes nothing");

            WalletError bad = org.junit.jupiter.api.Assertions.assertThrows(WalletError.class, () -> sync.rescan(104));
            assertEquals(-8, bad.code());
            node.mine(1, OTHER);
            assertEquals(104, sync.lastBlock().orElseThrow().height(), "still following after a rescan");
        }
    }

    @Test
    void syncStateSurvivesReopeningTheWallet() throws Exception {
        String address = wallet.getNewAddress("bech32", "");
        try (WalletSync sync = WalletSync.attach(wallet, node.chain)) {
            node.mine(105, address);
        }
        wallet.close();
        wallet = DescriptorWallet.load(dir.resolve("w"), WalletOptions.of(ChainType.REGTEST).withKeypoolSize(20));
        node.mine(1, OTHER);
        try (WalletSync sync = WalletSync.attach(wallet, node.chain)) {
            assertEquals(106, sync.lastBlock().orElseThrow().height());
            assertEquals(new Balances(6 * 50 * COIN, 0, 99 * 50 * COIN), sync.balances());
        }
    }
}

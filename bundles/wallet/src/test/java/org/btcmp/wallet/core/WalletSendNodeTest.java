package org.btcmp.wallet.core;

import org.btcmp.primitives.ChainParams;
import static org.btcmp.wallet.core.RegtestNode.COIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.btcmp.interfaces.BroadcastResult;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.btcmp.primitives.script.Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sending between two wallets on a real in-process regtest node: taproot and P2WPKH inputs, fees, RBF, reorg. */
class WalletSendNodeTest {
    private static final String OTHER = Address.fromScript(ScriptBuilder.witness(0, new byte[20]),
            ChainParams.of(ChainType.REGTEST)).orElseThrow();
    private static final long FEE_RATE = 10_000; // sat/kvB

    @TempDir
    Path dir;
    RegtestNode node;
    DescriptorWallet alice;
    DescriptorWallet bob;
    WalletSync aliceSync;
    WalletSync bobSync;

    @BeforeEach
    void start() throws Exception {
        node = new RegtestNode(dir.resolve("node"));
        WalletOptions options = WalletOptions.of(ChainType.REGTEST).withKeypoolSize(20);
        alice = DescriptorWallet.create(dir.resolve("alice"), options, WalletOptions.Seed.random());
        bob = DescriptorWallet.create(dir.resolve("bob"), options, WalletOptions.Seed.random());
        aliceSync = WalletSync.attach(alice, node.chain);
        bobSync = WalletSync.attach(bob, node.chain);
    }

    @AfterEach
    void stop() throws Exception {
        aliceSync.close();
        bobSync.close();
        alice.close();
        bob.close();
        node.close();
    }

    @Test
    void paymentsBetweenTwoWalletsConfirmAndBothBalancesAreRight() throws Exception {
        node.mine(101, alice.getNewAddress("bech32m", "")); // a taproot coinbase matures
        assertEquals(new Balances(50 * COIN, 0, 100 * 50 * COIN), aliceSync.balances());

        WalletSender aliceSends = new WalletSender(alice, aliceSync, node.chain, 0);
        WalletSender.Sent toBob = aliceSends.send(
                List.of(new WalletSender.Recipient(bob.getNewAddress("bech32", ""), 10 * COIN)), OptionalLong.of(FEE_RATE));
        Transaction tx = Transaction.fromBytes(toBob.raw());
        assertTrue(node.chain.isInMempool(toBob.txid()));
        assertEquals(2, tx.outputs().size(), "payment and change");
        for (TxIn in : tx.inputs()) {
            assertEquals(WalletSender.SEQUENCE_RBF, in.sequence(), "signals replaceability");
        }
        assertPaysRate(tx, toBob.fee());
        assertEquals(new Balances(40 * COIN - toBob.fee(), 0, 100 * 50 * COIN), aliceSync.balances(),
                "own change in the mempool is trusted");
        assertEquals(new Balances(0, 10 * COIN, 0), bobSync.balances(), "an incoming payment is pending");
        assertEquals(List.of(), bobSync.listUnspent(1, 9_999_999), "Core's default minconf leaves it out");
        List<UnspentCoin> pending = bobSync.listUnspent(0, 9_999_999);
        assertEquals(1, pending.size());
        assertEquals(toBob.txid(), pending.get(0).txid());
        assertEquals(10 * COIN, pending.get(0).amount());
        assertEquals(0, pending.get(0).confirmations());
        assertFalse(pending.get(0).safe());
        List<UnspentCoin> aliceCoins = aliceSync.listUnspent(0, 9_999_999);
        assertEquals(1, aliceCoins.size(), "only the change: the spent coinbase is gone, immature ones are not listed");
        assertTrue(aliceCoins.get(0).safe(), "own change is safe");
        assertEquals(40 * COIN - toBob.fee(), aliceCoins.get(0).amount());

        node.mine(1, OTHER);
        assertEquals(1, bobSync.confirmations(toBob.txid()).orElseThrow());
        assertEquals(new Balances(10 * COIN, 0, 0), bobSync.balances());
        assertEquals(1, bobSync.listUnspent(1, 9_999_999).get(0).confirmations());
        assertTrue(bobSync.listUnspent(1, 9_999_999).get(0).safe());
        assertEquals(new Balances(90 * COIN - toBob.fee(), 0, 99 * 50 * COIN), aliceSync.balances(),
                "block 2's coinbase matured");

        // bob pays back from his P2WPKH coin
        WalletSender bobSends = new WalletSender(bob, bobSync, node.chain, FEE_RATE);
        WalletSender.Sent toAlice = bobSends.send(
                List.of(new WalletSender.Recipient(alice.getNewAddress("bech32", ""), 3 * COIN)), OptionalLong.empty());
        assertPaysRate(Transaction.fromBytes(toAlice.raw()), toAlice.fee());
        node.mine(1, OTHER);
        assertEquals(new Balances(7 * COIN - toAlice.fee(), 0, 0), bobSync.balances());
        assertEquals(new Balances(143 * COIN - toBob.fee(), 0, 98 * 50 * COIN), aliceSync.balances());

        // a reorg that removes the payment's block turns it unconfirmed, and back
        String paymentBlock = node.node.chain().tip().hash().toString();
        node.invalidateTip();
        assertEquals(0, bobSync.confirmations(toAlice.txid()).orElseThrow());
        node.reconsider(paymentBlock);
        assertEquals(1, bobSync.confirmations(toAlice.txid()).orElseThrow());
        assertEquals(new Balances(7 * COIN - toAlice.fee(), 0, 0), bobSync.balances());
    }

    @Test
    void refusedSendsChangeNothing() throws Exception {
        node.mine(101, alice.getNewAddress("bech32", ""));
        WalletSender sender = new WalletSender(alice, aliceSync, node.chain, 0);
        String bobAddress = bob.getNewAddress("bech32", "");
        Balances before = aliceSync.balances();

        WalletError poor = assertThrows(WalletError.class, () -> sender.send(
                List.of(new WalletSender.Recipient(bobAddress, 51 * COIN)), OptionalLong.of(FEE_RATE)));
        assertEquals(-6, poor.code());
        assertEquals("Insufficient funds", poor.getMessage());
        WalletError badAddress = assertThrows(WalletError.class, () -> sender.send(
                List.of(new WalletSender.Recipient("bcrt1qnotanaddress", COIN)), OptionalLong.of(FEE_RATE)));
        assertEquals(-5, badAddress.code());
        WalletError noFee = assertThrows(WalletError.class, () -> sender.send(
                List.of(new WalletSender.Recipient(bobAddress, COIN)), OptionalLong.empty()));
        assertEquals(-4, noFee.code());
        assertTrue(noFee.getMessage().contains("Fallbackfee is disabled"), noFee.getMessage());
        WalletError dust = assertThrows(WalletError.class, () -> sender.send(
                List.of(new WalletSender.Recipient(bobAddress, 100)), OptionalLong.of(FEE_RATE)));
        assertEquals("Transaction amount too small", dust.getMessage());

        alice.encrypt("secret");
        WalletError locked = assertThrows(WalletError.class, () -> sender.send(
                List.of(new WalletSender.Recipient(bobAddress, COIN)), OptionalLong.of(FEE_RATE)));
        assertEquals(-13, locked.code());
        assertEquals(before, aliceSync.balances());
        assertEquals(new Balances(0, 0, 0), bobSync.balances());
    }

    @Test
    void aReplacementInABlockConflictsThePaymentUntilTheBlockIsGone() throws Exception {
        String aliceAddress = alice.getNewAddress("bech32", "");
        node.mine(101, aliceAddress);
        WalletSender sender = new WalletSender(alice, aliceSync, node.chain, 0);
        WalletSender.Sent toBob = sender.send(
                List.of(new WalletSender.Recipient(bob.getNewAddress("bech32", ""), 10 * COIN)), OptionalLong.of(FEE_RATE));
        assertEquals(new Balances(0, 10 * COIN, 0), bobSync.balances());

        // alice replaces the payment (full RBF): the same coin, all back to herself, a higher fee
        Transaction paid = Transaction.fromBytes(toBob.raw());
        Script aliceScript = Address.toScript(aliceAddress, ChainParams.of(ChainType.REGTEST));
        Transaction unsigned = new Transaction(2, List.of(new TxIn(paid.inputs().get(0).prevout(), Script.EMPTY,
                WalletSender.SEQUENCE_RBF)), List.of(new TxOut(50 * COIN - 100_000, aliceScript)), 0);
        Transaction replacement = TxSigner.sign(unsigned, List.of(new TxOut(50 * COIN, aliceScript)), alice);
        BroadcastResult replaced = node.chain.broadcastTransaction(replacement.toBytes(), 0);
        assertTrue(replaced.accepted(), replaced.error());
        assertFalse(node.chain.isInMempool(toBob.txid()));
        assertEquals(new Balances(0, 0, 0), bobSync.balances(), "a payment out of the mempool is not pending");

        node.mine(1, OTHER);
        assertEquals(-1, bobSync.confirmations(toBob.txid()).orElseThrow(), "bob sees the conflict too");
        assertEquals(-1, aliceSync.confirmations(toBob.txid()).orElseThrow());
        assertEquals(new Balances(100 * COIN - 100_000, 0, 99 * 50 * COIN), aliceSync.balances(),
                "the replacement's output and block 2's matured coinbase");

        node.invalidateTip();
        assertEquals(0, aliceSync.confirmations(toBob.txid()).orElseThrow(), "conflict lifted with its block");
        assertEquals(0, aliceSync.confirmations(replacement.txid().toString()).orElseThrow());
        assertEquals(new Balances(0, 0, 0), bobSync.balances());
    }

    /** At least the requested rate, and not more than a signature's worth of rounding above it. */
    private static void assertPaysRate(Transaction tx, long fee) {
        long atRate = (tx.vsize() * FEE_RATE + 999) / 1000;
        assertTrue(fee >= atRate, "fee " + fee + " below " + atRate + " for " + tx.vsize() + " vB");
        assertTrue(fee <= atRate + 5 * FEE_RATE / 1000 * tx.inputs().size() + 5 * FEE_RATE / 1000,
                "fee " + fee + " far above " + atRate);
    }
}

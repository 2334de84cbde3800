package org.btcmp.wallet.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.btcmp.interfaces.BroadcastResult;
import org.btcmp.interfaces.Chain;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.wallet.store.TxRecords;

/**
 * Core's bumpfee for a wallet send still in the mempool: the transaction made again at a higher fee
 * rate from the same inputs (and more of the wallet's coins when they do not cover it), paying the
 * same outputs or the caller's new ones, change back to the original change script; signed and
 * offered to the node as a BIP125 replacement.
 */
final class FeeBumper {
    private final DescriptorWallet wallet;
    private final WalletSync sync;
    private final WalletSender sender;
    private final Chain chain;

    FeeBumper(DescriptorWallet wallet, WalletSync sync, WalletSender sender, Chain chain) {
        this.wallet = wallet;
        this.sync = sync;
        this.sender = sender;
        this.chain = chain;
    }

    /**
     * Replaces {@code txid} at {@code feeRate} sat/kvB, or by default at the original rate plus the
     * node's incremental relay fee (at least {@code defaultRate}). {@code outputs} replace the
     * original outputs when given; {@code changeIndex} names which output is change (Core's
     * original_change_index), otherwise the wallet's change outputs are; {@code signalRbf} false: the
     * replacement does not signal BIP125 (Core's replaceable=false).
     */
    BumpResult bump(String txid, OptionalLong feeRate, long defaultRate, Optional<List<WalletSender.Recipient>> outputs,
            OptionalInt changeIndex, boolean signalRbf) {
        WalletTx original = wallet.database().read(c -> WalletTxReader.find(c, txid)).orElseThrow(
                () -> new WalletError(WalletError.INVALID_ADDRESS_OR_KEY, "Invalid or non-wallet transaction id"));
        Transaction tx = Transaction.fromBytes(original.raw());
        List<TxRecords.Output> inputs = checkBumpable(original, tx);
        long oldFee = original.debit() - original.valueOut();
        int vsize = tx.vsize();
        long incremental = chain.relayMinFee();
        long minimumFee = oldFee + WalletSender.fee(vsize * 4, incremental);
        long rate = feeRate.orElse(Math.max(defaultRate, ceilDiv(oldFee * 1000, vsize) + incremental));
        long newFee = WalletSender.fee(vsize * 4, rate);
        if (newFee < minimumFee) {
            throw new WalletError(WalletError.INVALID_PARAMETER, "Insufficient total fee " + btc(newFee)
                    + ", must be at least " + btc(minimumFee) + " (oldFee " + btc(oldFee) + " + incrementalFee "
                    + btc(minimumFee - oldFee) + ")");
        }
        if (changeIndex.isPresent() && changeIndex.getAsInt() >= tx.outputs().size()) {
            throw new WalletError(WalletError.INVALID_PARAMETER, "Change position is out of range");
        }
        List<WalletSender.Recipient> given = outputs.orElseGet(() -> tx.outputs().stream()
                .map(o -> WalletSender.Recipient.toScript(o.scriptPubKey(), o.value(), false)).toList());
        List<WalletSender.Recipient> recipients = new ArrayList<>();
        Optional<Script> changeScript = Optional.empty();
        long total = 0;
        for (int i = 0; i < given.size(); i++) {
            WalletSender.Recipient r = given.get(i);
            Script script = r.script() != null ? r.script() : org.btcmp.primitives.script.Address.toScript(r.address(),
                    wallet.params());
            boolean change = changeIndex.isPresent() ? changeIndex.getAsInt() == i : isChange(script);
            if (change) {
                changeScript = Optional.of(script);
            } else {
                recipients.add(r);
            }
            total += r.amount();
        }
        if (recipients.isEmpty()) { // all to change: it pays the fee (Core adds it as a subtract-fee recipient)
            if (changeScript.isEmpty()) {
                throw new WalletError(WalletError.INVALID_PARAMETER,
                        "Unable to create transaction. Transaction must have at least one recipient");
            }
            recipients.add(WalletSender.Recipient.toScript(changeScript.get(), total, true));
            changeScript = Optional.empty();
        }
        WalletSender.Funded funded;
        try {
            funded = sender.fund(recipients, FeePolicy.Request.rate(OptionalLong.of(rate)),
                    new WalletSender.CoinControl(inputs, changeScript, java.util.Set.of(txid), false, signalRbf));
        } catch (WalletError e) {
            throw new WalletError(WalletError.WALLET_ERROR, "Unable to create transaction. " + e.getMessage());
        }
        if (funded.fee() > WalletSender.DEFAULT_MAX_TX_FEE) {
            throw new WalletError(WalletError.WALLET_ERROR, "Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)");
        }
        Transaction replacement = TxSigner.sign(funded.tx(), funded.spent(), wallet);
        BroadcastResult result = chain.broadcastTransaction(replacement.toBytes(), 0);
        if (!result.accepted()) {
            throw new WalletError(WalletError.WALLET_ERROR, "Transaction rejected by the node: " + result.error());
        }
        sync.recordReplacement(replacement, txid);
        return new BumpResult(replacement.txid().toString(), oldFee, funded.fee());
    }

    /** Core's OutputIsChange: a script of one of the wallet's internal descriptors. */
    private boolean isChange(Script script) {
        return wallet.findScript(script).map(row -> wallet.descriptors().stream()
                .anyMatch(d -> d.id().equals(row.descriptorId()) && d.internal())).orElse(false);
    }

    /** Core's precondition checks; returns the coins the transaction spends, all the wallet's. */
    private List<TxRecords.Output> checkBumpable(WalletTx original, Transaction tx) {
        boolean hasDescendants = wallet.database().read(c -> {
            for (WalletTx.Output o : original.outputs()) {
                if (!TxRecords.spenders(c, original.txid(), o.vout()).isEmpty()) {
                    return true;
                }
            }
            return false;
        });
        if (hasDescendants) {
            throw new WalletError(WalletError.INVALID_PARAMETER, "Transaction has descendants in the wallet");
        }
        if (original.confirmations() != 0) {
            throw new WalletError(WalletError.WALLET_ERROR, "Transaction has been mined, or is conflicted with a mined transaction");
        }
        if (!original.inMempool()) {
            throw new WalletError(WalletError.INVALID_PARAMETER,
                    "Transaction " + original.txid() + " is not in the mempool (already replaced or evicted)");
        }
        List<TxRecords.Output> spent = new ArrayList<>();
        for (TxIn in : tx.inputs()) {
            Optional<TxRecords.Output> coin = wallet.database().read(
                    c -> TxRecords.output(c, in.prevout().txid().toString(), (int) in.prevout().index()));
            if (coin.isEmpty()) {
                throw new WalletError(WalletError.WALLET_ERROR, "Transaction contains inputs that don't belong to this wallet.");
            }
            spent.add(coin.get());
        }
        return spent;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static String btc(long sats) {
        return java.math.BigDecimal.valueOf(sats, 8).toPlainString();
    }
}

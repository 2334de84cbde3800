package org.btcmp.wallet.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.btcmp.interfaces.BroadcastResult;
import org.btcmp.interfaces.Chain;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.btcmp.wallet.store.TxRecords;

/**
 * Core's bumpfee for a wallet send still in the mempool: the same inputs and payments, the change
 * output lowered to pay a higher fee rate, signed and offered to the node as a BIP125 replacement.
 */
final class FeeBumper {
    private final DescriptorWallet wallet;
    private final WalletSync sync;
    private final Chain chain;

    FeeBumper(DescriptorWallet wallet, WalletSync sync, Chain chain) {
        this.wallet = wallet;
        this.sync = sync;
        this.chain = chain;
    }

    /**
     * Replaces {@code txid} at {@code feeRate} sat/kvB, or by default at the original rate plus the
     * node's incremental relay fee (at least {@code defaultRate}).
     */
    BumpResult bump(String txid, OptionalLong feeRate, long defaultRate) {
        WalletTx original = wallet.database().read(c -> WalletTxReader.find(c, txid)).orElseThrow(
                () -> new WalletError(WalletError.INVALID_ADDRESS_OR_KEY, "Invalid or non-wallet transaction id"));
        Transaction tx = Transaction.fromBytes(original.raw());
        List<TxOut> spent = checkBumpable(original, tx);
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
        if (newFee > WalletSender.DEFAULT_MAX_TX_FEE) {
            throw new WalletError(WalletError.WALLET_ERROR, "Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)");
        }
        WalletTx.Output change = original.outputs().stream().filter(o -> o.mine() && o.change()).findFirst()
                .orElseThrow(() -> new WalletError(WalletError.WALLET_ERROR,
                        "Transaction has no change output to pay the higher fee from"));
        long newChange = change.value() - (newFee - oldFee);
        if (newChange < WalletSender.dustThreshold(change.script().length)) {
            throw new WalletError(WalletError.WALLET_ERROR, "The change output is too small to pay the higher fee");
        }
        List<TxIn> inputs = new ArrayList<>();
        for (TxIn in : tx.inputs()) {
            inputs.add(new TxIn(in.prevout(), Script.EMPTY, WalletSender.SEQUENCE_RBF));
        }
        List<TxOut> outputs = new ArrayList<>(tx.outputs());
        outputs.set(change.vout(), new TxOut(newChange, Script.of(change.script())));
        Transaction replacement = TxSigner.sign(new Transaction(tx.version(), inputs, outputs, tx.lockTime()), spent, wallet);
        BroadcastResult result = chain.broadcastTransaction(replacement.toBytes(), 0);
        if (!result.accepted()) {
            throw new WalletError(WalletError.WALLET_ERROR, "Transaction rejected by the node: " + result.error());
        }
        sync.recordSent(replacement);
        return new BumpResult(replacement.txid().toString(), oldFee, newFee);
    }

    /** Core's precondition checks; returns the outputs the transaction spends, all the wallet's. */
    private List<TxOut> checkBumpable(WalletTx original, Transaction tx) {
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
        List<TxOut> spent = new ArrayList<>();
        for (TxIn in : tx.inputs()) {
            Optional<TxRecords.Output> coin = wallet.database().read(
                    c -> TxRecords.output(c, in.prevout().txid().toString(), (int) in.prevout().index()));
            if (coin.isEmpty()) {
                throw new WalletError(WalletError.WALLET_ERROR, "Transaction contains inputs that don't belong to this wallet.");
            }
            spent.add(new TxOut(coin.get().value(), Script.of(coin.get().script())));
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

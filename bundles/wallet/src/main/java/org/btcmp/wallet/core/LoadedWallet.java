package org.btcmp.wallet.core;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.OutPointRef;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxOut;
import org.btcmp.wallet.store.MetaRecords;
import org.btcmp.wallet.store.TxRecords;

/**
 * One wallet as a loader holds it: its file, its sync with the node, its sender, the {@link
 * WalletService} that shows it to the GUI, and the fee rate {@code settxfee} chose (in memory only,
 * as Core keeps it).
 */
public final class LoadedWallet implements AutoCloseable {
    private final String name;
    private final DescriptorWallet wallet;
    private final WalletSync sync;
    private final WalletSender sender;
    private final WalletService service;
    /** Meta record of the persistent coin locks: "txid:vout" lines. */
    private static final String META_LOCKED_COINS = "locked_coins";

    private final Chain chain;
    private final long fallbackFeeRate;

    private LoadedWallet(String name, DescriptorWallet wallet, WalletSync sync, WalletSender sender, Chain chain,
            long fallbackFeeRate) {
        this.name = name;
        this.chain = chain;
        this.fallbackFeeRate = fallbackFeeRate;
        this.wallet = wallet;
        this.sync = sync;
        this.sender = sender;
        this.service = new WalletService(name, wallet, sync, sender);
    }

    /**
     * Subscribes {@code wallet} to {@code chain} and brings it up to the tip; closes the wallet if that
     * fails. {@code fallbackFeeRate} is Core's -fallbackfee in sat/kvB (0: disabled).
     */
    public static LoadedWallet attach(String name, DescriptorWallet wallet, Chain chain, long fallbackFeeRate) {
        WalletSync sync;
        try {
            sync = WalletSync.attach(wallet, chain);
        } catch (RuntimeException e) {
            wallet.close();
            throw e;
        }
        WalletSender sender = new WalletSender(wallet, sync, chain, fallbackFeeRate);
        wallet.database().read(LoadedWallet::persistentLocks).forEach(sender::lock);
        resubmit(wallet, sync, chain);
        return new LoadedWallet(name, wallet, sync, sender, chain, fallbackFeeRate);
    }

    /**
     * Core's ResubmitWalletTransactions at load: the wallet's unconfirmed transactions that the node's
     * mempool does not hold (it lost them in a crash, say) are offered to it again, parents first; one
     * the node refuses is marked out of the mempool, so its coins count as Core counts them.
     */
    private static void resubmit(DescriptorWallet wallet, WalletSync sync, Chain chain) {
        for (WalletTx tx : wallet.database().read(WalletTxReader::all)) {
            if (tx.confirmations() != 0 || tx.abandoned() || tx.coinbase() || chain.isInMempool(tx.txid())) {
                continue;
            }
            if (!chain.broadcastTransaction(tx.raw(), 0).accepted()) {
                sync.transactionRemovedFromMempool(tx.raw());
            }
        }
    }

    /** The wallet's own output at {@code ref}, spent or not (Core's IsMine of an outpoint). */
    public Optional<TxRecords.Output> ownOutput(OutPointRef ref) {
        return wallet.database().read(c -> TxRecords.output(c, ref.txid(), ref.index()));
    }

    public String name() {
        return name;
    }

    public DescriptorWallet wallet() {
        return wallet;
    }

    public WalletSync sync() {
        return sync;
    }

    public WalletService service() {
        return service;
    }

    /** The fee rate set by settxfee in sat/kvB, 0 when unset. */
    public long payTxFee() {
        return sender.payTxFee();
    }

    public void setPayTxFee(long satPerKvB) {
        sender.setPayTxFee(satPerKvB);
    }

    /**
     * Pays {@code recipients} at {@code feeRate} (sat/kvB) or, when empty, at the settxfee rate, the
     * node's estimate or the fallback fee rate.
     */
    public WalletSender.Sent send(List<WalletSender.Recipient> recipients, OptionalLong feeRate) {
        return sender.send(recipients, feeRate);
    }

    /**
     * Pays {@code recipients} at the rate {@code fee} asks for; {@code avoidReuse} skips coins on used
     * addresses; {@code signalRbf} false leaves BIP125 unsignalled (Core's replaceable=false).
     */
    public WalletSender.Sent send(List<WalletSender.Recipient> recipients, FeePolicy.Request fee, boolean avoidReuse,
            boolean signalRbf) {
        return sender.send(recipients, fee, avoidReuse, signalRbf);
    }

    /** Funds an unsigned transaction paying {@code recipients} (walletcreatefundedpsbt); nothing is broadcast. */
    public WalletSender.Funded fund(List<WalletSender.Recipient> recipients, FeePolicy.Request fee, boolean avoidReuse,
            boolean signalRbf) {
        return sender.fund(recipients, fee, avoidReuse, signalRbf);
    }

    /**
     * Core's bumpfee: replaces the wallet's unconfirmed send {@code txid} with one paying {@code feeRate}
     * sat/kvB (default: its rate plus the incremental relay fee, at least the settxfee or fallback rate).
     * Returns the replacement's txid and the old and new fees in satoshis.
     */
    public BumpResult bumpFee(String txid, OptionalLong feeRate) {
        return bumpFee(txid, feeRate, Optional.empty(), java.util.OptionalInt.empty(), true);
    }

    /**
     * Core's bumpfee with its outputs option (new outputs replacing the original ones) and
     * original_change_index (which of them is change).
     */
    public BumpResult bumpFee(String txid, OptionalLong feeRate, Optional<List<WalletSender.Recipient>> outputs,
            java.util.OptionalInt changeIndex, boolean signalRbf) {
        synchronized (sender) { // one spend at a time: a send and a bump must not pick the same coins
            return new FeeBumper(wallet, sync, sender, chain).bump(txid, feeRate,
                    Math.max(sender.payTxFee(), fallbackFeeRate), outputs, changeIndex, signalRbf);
        }
    }

    /**
     * Core's abandontransaction: gives up an unconfirmed transaction that is not in the mempool (and the
     * wallet transactions spending it), so the coins it spent can be spent again.
     */
    public void abandon(String txid) {
        synchronized (wallet) {
            wallet.database().write(c -> {
                TxRecords.Tx tx = TxRecords.find(c, txid).orElseThrow(() -> new WalletError(
                        WalletError.INVALID_ADDRESS_OR_KEY, "Invalid or non-wallet transaction id"));
                if (tx.blockHeight().isPresent() || tx.conflicted() || tx.inMempool()) {
                    throw new WalletError(WalletError.INVALID_ADDRESS_OR_KEY, "Transaction not eligible for abandonment");
                }
                TxRecords.abandon(c, txid);
                return null;
            });
        }
    }

    /** Keeps {@code coin} out of coin selection (Core's lockunspent); a persistent lock survives unloading. */
    public void lockCoin(OutPointRef coin, boolean persistent) {
        sender.lock(coin);
        if (persistent) {
            editPersistentLocks(locks -> locks.add(coin));
        }
    }

    /** Releases {@code coin}, persistent lock included. */
    public void unlockCoin(OutPointRef coin) {
        sender.unlock(coin);
        editPersistentLocks(locks -> locks.remove(coin));
    }

    public void unlockAllCoins() {
        sender.unlockAll();
        editPersistentLocks(Set::clear);
    }

    private void editPersistentLocks(Consumer<Set<OutPointRef>> edit) {
        synchronized (wallet) {
            wallet.database().write(c -> {
                Set<OutPointRef> locks = persistentLocks(c);
                edit.accept(locks);
                StringBuilder text = new StringBuilder();
                locks.forEach(l -> text.append(l.txid()).append(':').append(l.index()).append('\n'));
                MetaRecords.putString(c, META_LOCKED_COINS, text.toString());
                return null;
            });
        }
    }

    private static Set<OutPointRef> persistentLocks(java.sql.Connection c) throws java.sql.SQLException {
        Set<OutPointRef> locks = new LinkedHashSet<>();
        for (String line : MetaRecords.getString(c, META_LOCKED_COINS).orElse("").split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                locks.add(new OutPointRef(line.substring(0, colon), Integer.parseInt(line.substring(colon + 1))));
            }
        }
        return locks;
    }

    /** The sender, for coin locks. */
    public WalletSender sender() {
        return sender;
    }

    /** Every wallet transaction, in the order the wallet first saw them. */
    public List<WalletTx> transactions() {
        return wallet.database().read(WalletTxReader::all);
    }

    public Optional<WalletTx> transaction(String txid) {
        return wallet.database().read(c -> WalletTxReader.find(c, txid));
    }

    /**
     * Signs the inputs of {@code tx} that spend the wallet's coins; {@code spent} holds the output each
     * input spends (null where unknown); {@code hashType} is Core's sighash number (0: DEFAULT). Returns the
     * transaction and, by input index, why an input is unsigned.
     */
    public Map.Entry<Transaction, Map<Integer, String>> signInputs(Transaction tx, List<TxOut> spent, int hashType) {
        TxSigner.Partial p = TxSigner.signWhatIsMine(tx, spent, wallet, hashType);
        return Map.entry(p.tx(), p.errors());
    }

    /** The output {@code txid:vout} when it is a wallet transaction's (the wallet's own or not). */
    public Optional<TxOut> walletTxOutput(String txid, int vout) {
        return transaction(txid).filter(t -> vout >= 0 && vout < t.outputs().size())
                .map(t -> Transaction.fromBytes(t.raw()).outputs().get(vout));
    }

    /** The wallet's network parameters (addresses). */
    public ChainParams params() {
        return wallet.params();
    }

    @Override
    public void close() {
        try {
            sync.close();
        } finally {
            wallet.close();
        }
    }
}

package org.btcmp.wallet.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.btcmp.interfaces.BlockInfo;
import org.btcmp.interfaces.BlockRef;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.ChainNotifications;
import org.btcmp.interfaces.Handler;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.wallet.store.SyncRecords;
import org.btcmp.wallet.store.TxRecords;
import org.btcmp.wallet.store.TxValueRecords;
import org.btcmp.wallet.store.WalletDatabase;

/**
 * Keeps a wallet's transactions in step with the node: an initial scan from the wallet's last
 * processed block (or its birthday), then the node's notifications, each handled in one wallet-file
 * transaction together with the block or mempool change it describes.
 *
 * <p>The wallet remembers which blocks it processed, so a block that does not follow its tip (missed
 * while detached, or after a reorg it did not see) makes it rewind to the fork point and scan forward
 * again. Block notifications that arrive while another thread scans are skipped rather than waited
 * for (the scanning thread calls the node, whose thread delivers them: waiting could deadlock); the
 * scan reads up to the node's tip, and the next block catches up with anything missed. Wallet-file
 * writes take the wallet's lock, then the file's, and never call the node while holding them.
 */
public final class WalletSync implements ChainNotifications, AutoCloseable {
    /** How far before the wallet's birthday a rescan starts (Core's TIMESTAMP_WINDOW). */
    static final long TIMESTAMP_WINDOW_SECONDS = 2 * 60 * 60;
    /** Blocks a median time past lags behind the block times it is made of. */
    private static final int MEDIAN_SPAN = 11;

    private final DescriptorWallet wallet;
    private final WalletDatabase db;
    private final Chain chain;
    private final TransactionRecorder recorder;
    private final ReentrantLock scanLock = new ReentrantLock();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private volatile boolean following;
    private final java.util.Map<String, java.util.Set<String>> mempoolConflicts = new java.util.HashMap<>();
    private Handler handler;

    private WalletSync(DescriptorWallet wallet, Chain chain) {
        this.wallet = wallet;
        this.db = wallet.database();
        this.chain = chain;
        this.recorder = new TransactionRecorder(wallet);
    }

    /** Subscribes the wallet to {@code chain}'s notifications and brings it up to the node's tip. */
    public static WalletSync attach(DescriptorWallet wallet, Chain chain) {
        WalletSync sync = new WalletSync(wallet, chain);
        sync.handler = chain.handleNotifications(sync);
        try {
            sync.catchUp(true);
        } catch (RuntimeException e) {
            sync.handler.disconnect();
            throw e;
        }
        return sync;
    }

    /** Core's getbalances for this wallet at its last processed block. */
    public Balances balances() {
        return db.read(BalanceCalculator::balances);
    }

    /**
     * Core's balances leaving out coins on addresses the wallet already spent from (avoid_reuse), and
     * the scripts (hex) of those addresses.
     */
    public Balances balancesAvoidingReuse() {
        return db.read(c -> BalanceCalculator.balances(c, BalanceCalculator.dirtyScripts(c)));
    }

    /** The wallet's scripts (hex) already spent from: Core's IsSpentKey for avoid_reuse. */
    public java.util.Set<String> usedScripts() {
        return db.read(BalanceCalculator::dirtyScripts);
    }

    /** Core's listunspent with {@code minConf} to {@code maxConf} confirmations (Core's defaults: 1 and 9999999). */
    public List<UnspentCoin> listUnspent(int minConf, int maxConf) {
        return db.read(c -> BalanceCalculator.listUnspent(c, minConf, maxConf));
    }

    /** The last block the wallet processed. */
    public Optional<BlockRef> lastBlock() {
        return db.read(SyncRecords::tip);
    }

    /** Confirmations of a wallet transaction (0 unconfirmed, negative when conflicted), empty when unknown. */
    public Optional<Integer> confirmations(String txid) {
        return db.read(c -> {
            Optional<TxRecords.Tx> tx = TxRecords.find(c, txid);
            return tx.isEmpty() ? Optional.<Integer>empty() : Optional.of(BalanceCalculator.of(c).depth(tx.get()));
        });
    }

    /**
     * Core's rescanblockchain from {@code startHeight}: processes the active chain's blocks from there
     * to the tip again (transactions already known are updated, new ones added); returns the last
     * height scanned.
     */
    public int rescan(int startHeight) {
        scanLock.lock();
        following = false;
        try {
            int tip = chain.getHeight().orElse(-1);
            if (startHeight < 0 || startHeight > tip) {
                throw new WalletError(WalletError.INVALID_PARAMETER, "Invalid start_height");
            }
            try (BlockLookahead<BlockInfo> blocks = lookahead(startHeight, tip, true)) {
                while (blocks.hasNext()) {
                    connect(blocks.next());
                }
            }
            return tip;
        } finally {
            following = true;
            try {
                catchUp(true);
            } finally {
                scanLock.unlock();
            }
        }
    }

    @Override
    public void blockConnected(BlockInfo block) {
        if (!following || !scanLock.tryLock()) {
            return;
        }
        try {
            Optional<BlockRef> tip = lastBlock();
            if (tip.isPresent() && tip.get().hash().equals(block.prevHash())) {
                connect(block);
            } else if (!db.read(c -> SyncRecords.hashAt(c, block.height())).filter(block.hash()::equals).isPresent()) {
                catchUp(false); // on the node's notifying thread: see BlockLookahead on depth 0
            }
        } finally {
            scanLock.unlock();
        }
    }

    @Override
    public void blockDisconnected(BlockInfo block) {
        if (!following || !scanLock.tryLock()) {
            return;
        }
        try {
            write(c -> {
                Optional<BlockRef> tip = SyncRecords.tip(c);
                if (tip.isPresent() && tip.get().hash().equals(block.hash())) {
                    disconnectTip(c, tip.get());
                }
                return null;
            });
        } finally {
            scanLock.unlock();
        }
    }

    @Override
    public void transactionAddedToMempool(byte[] raw) {
        Transaction tx = parse(raw);
        write(c -> recorder.record(c, tx, Optional.empty(), true));
        updateMempoolConflicts(tx, true);
    }

    @Override
    public void transactionRemovedFromMempool(byte[] raw) {
        Transaction tx = parse(raw);
        write(c -> {
            TxRecords.setInMempool(c, tx.txid().toString(), false);
            return null;
        });
        updateMempoolConflicts(tx, false);
    }

    /**
     * Core's transactionAddedToMempool/RemovedFromMempool upkeep of mempool_conflicts: every wallet
     * transaction spending one of {@code tx}'s inputs, and its wallet descendants, gains (or loses)
     * {@code tx} as a mempool conflict.
     */
    private void updateMempoolConflicts(Transaction tx, boolean added) {
        String txid = tx.txid().toString();
        java.util.Set<String> affected = db.read(c -> {
            java.util.Set<String> out = new java.util.HashSet<>();
            for (TxIn in : tx.inputs()) {
                for (String spender : TxRecords.spenders(c, in.prevout().txid().toString(), (int) in.prevout().index())) {
                    if (!spender.equals(txid)) {
                        addWithDescendants(c, spender, out);
                    }
                }
            }
            return out;
        });
        synchronized (mempoolConflicts) {
            for (String t : affected) {
                if (added) {
                    mempoolConflicts.computeIfAbsent(t, k -> new java.util.HashSet<>()).add(txid);
                } else if (mempoolConflicts.containsKey(t)) {
                    mempoolConflicts.get(t).remove(txid);
                }
            }
        }
    }

    private static void addWithDescendants(Connection c, String txid, java.util.Set<String> out) throws SQLException {
        if (!out.add(txid)) {
            return;
        }
        Optional<TxRecords.Tx> tx = TxRecords.find(c, txid);
        if (tx.isEmpty()) {
            return;
        }
        int outputs = Transaction.fromBytes(tx.get().raw()).outputs().size();
        for (int vout = 0; vout < outputs; vout++) {
            for (String child : TxRecords.spenders(c, txid, vout)) {
                addWithDescendants(c, child, out);
            }
        }
    }

    /** Records a transaction the wallet itself just handed to the node's mempool. */
    void recordSent(Transaction tx) {
        write(c -> recorder.record(c, tx, Optional.empty(), true));
    }

    /**
     * Records bumpfee's replacement together with what Core's CommitTransaction and MarkReplaced
     * note: the replacement's replaces_txid and the original's replaced_by_txid, in one transaction.
     */
    void recordReplacement(Transaction replacement, String originalTxid) {
        write(c -> {
            boolean recorded = recorder.record(c, replacement, Optional.empty(), true);
            String txid = replacement.txid().toString();
            TxValueRecords.put(c, txid, "replaces_txid", originalTxid);
            TxValueRecords.put(c, originalTxid, "replaced_by_txid", txid);
            return recorded;
        });
    }

    /** Core's mapValue of a wallet transaction, sorted by key. */
    public java.util.Map<String, String> values(String txid) {
        return db.read(c -> TxValueRecords.all(c, txid));
    }

    /**
     * Core's mempool_conflicts (kept in memory, as Core keeps them): mempool transactions that spend
     * an input of this wallet transaction or of one of its wallet ancestors.
     */
    public java.util.Set<String> mempoolConflicts(String txid) {
        synchronized (mempoolConflicts) {
            return new java.util.TreeSet<>(mempoolConflicts.getOrDefault(txid, java.util.Set.of()));
        }
    }

    /** Stops following the node; the wallet keeps what it has recorded. */
    @Override
    public void close() {
        following = false;
        handler.disconnect();
    }

    /**
     * Rewinds to the last processed block still on the node's active chain, then scans to its tip,
     * reading blocks ahead of processing them on another thread when {@code readAhead}.
     */
    private void catchUp(boolean readAhead) {
        scanLock.lock();
        following = false;
        try {
            for (int attempt = 0; ; attempt++) {
                int chainTip = chain.getHeight().orElse(-1);
                Optional<BlockRef> tip = rewindToActiveChain(chainTip);
                int start = tip.map(t -> t.height() + 1).orElseGet(() -> birthdayHeight(chainTip));
                boolean consistent = true;
                try (BlockLookahead<BlockInfo> blocks = lookahead(start, chainTip, readAhead)) {
                    while (blocks.hasNext() && consistent) {
                        BlockInfo block = blocks.next();
                        Optional<BlockRef> ours = lastBlock();
                        consistent = ours.isEmpty() ? block.height() == start
                                : ours.get().hash().equals(block.prevHash());
                        if (consistent) {
                            connect(block);
                        }
                    }
                }
                if (consistent || attempt > 100) {
                    return; // a chain that keeps reorganizing under us is caught by the next notification
                }
            }
        } finally {
            following = true;
            scanLock.unlock();
        }
    }

    /** Undoes processed blocks, one transaction each, until the tip is on the node's active chain. */
    private Optional<BlockRef> rewindToActiveChain(int chainTip) {
        Optional<BlockRef> tip = lastBlock();
        while (tip.isPresent() && (tip.get().height() > chainTip
                || !chain.getBlockHash(tip.get().height()).equals(tip.get().hash()))) {
            BlockRef undo = tip.get();
            write(c -> {
                disconnectTip(c, undo);
                return null;
            });
            tip = lastBlock();
        }
        return tip;
    }

    /**
     * A wallet-file transaction under the wallet's lock (the order every wallet method takes them in);
     * change listeners hear of it once it is committed, outside the locks.
     */
    private <T> T write(WalletDatabase.Work<T> work) {
        T result;
        synchronized (wallet) {
            result = db.write(work);
        }
        changeListeners.forEach(Runnable::run);
        return result;
    }

    /** Calls {@code listener} after each committed change of the wallet's transactions or tip until disconnected. */
    public Handler onChange(Runnable listener) {
        changeListeners.add(listener);
        return () -> changeListeners.remove(listener);
    }

    private void disconnectTip(Connection c, BlockRef tip) throws SQLException {
        TxRecords.disconnectBlock(c, tip.hash());
        SyncRecords.truncate(c, tip.height());
    }

    /** Records a block's wallet transactions and the block as the new tip, in one transaction. */
    private void connect(BlockInfo info) {
        Block block;
        try {
            block = Block.fromBytes(info.data());
        } catch (DecodeException e) {
            throw new IllegalStateException("Block " + info.hash() + " at height " + info.height()
                    + " from the node does not decode: " + e.getMessage(), e);
        }
        BlockRef ref = new BlockRef(info.hash(), info.height());
        write(c -> {
            for (Transaction tx : block.transactions()) {
                recorder.record(c, tx, Optional.of(ref), false);
            }
            SyncRecords.connect(c, ref);
            return null;
        });
        boolean anyConflicts;
        synchronized (mempoolConflicts) {
            anyConflicts = mempoolConflicts.values().stream().anyMatch(v -> !v.isEmpty());
        }
        if (anyConflicts) { // Core: a block's transactions leave the mempool, and so its conflicts
            for (Transaction tx : block.transactions()) {
                updateMempoolConflicts(tx, false);
            }
        }
    }

    /** The blocks from {@code from} to {@code to}, read ahead of their processing (see BlockLookahead). */
    private BlockLookahead<BlockInfo> lookahead(int from, int to, boolean readAhead) {
        return new BlockLookahead<>(from, to, readAhead ? BlockLookahead.DEFAULT_DEPTH : 0, this::readBlock);
    }

    private BlockInfo readBlock(int height) {
        String hash = chain.getBlockHash(height);
        return chain.findBlock(hash, true).orElseThrow(() -> new IllegalStateException(
                "The node has no data for block " + hash + " at height " + height));
    }

    /**
     * The first height whose median time past reaches the wallet's birthday minus Core's window,
     * moved back by the median's span so no block stamped after that moment is skipped.
     */
    private int birthdayHeight(int chainTip) {
        return heightForTime(wallet.birthday(), chainTip);
    }

    /**
     * Rescans from the first block that can hold a transaction made at {@code time} (seconds, with
     * Core's window), as importdescriptors does for a descriptor's timestamp; returns the last height scanned.
     */
    public int rescanFromTime(long time) {
        int tip = chain.getHeight().orElse(-1);
        return tip < 0 ? tip : rescan(Math.min(heightForTime(time, tip), tip));
    }

    private int heightForTime(long time, int chainTip) {
        long since = time - TIMESTAMP_WINDOW_SECONDS;
        int lo = 0;
        int hi = chainTip + 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long mtp = chain.findBlock(chain.getBlockHash(mid), false).orElseThrow().medianTimePast();
            if (mtp >= since) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return Math.max(0, lo - MEDIAN_SPAN);
    }

    private static Transaction parse(byte[] raw) {
        try {
            return Transaction.fromBytes(raw);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("Transaction from the node does not decode: " + e.getMessage(), e);
        }
    }
}

package org.btcmp.node.chain;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;

/**
 * The node's view of the chain: every known block (the block index), the active chain, and the
 * UTXO set of its tip, persisted under {@code <netdir>/blocks} and {@code <netdir>/chainstate}.
 * All mutators hold this object's lock, as Core's cs_main. Usable in-process: tests construct it
 * on a temporary directory.
 */
public final class ChainState implements AutoCloseable {
    private static final int CHECK_BLOCKS = 6;
    /** Most work last; among equal work the first seen (lowest sequence) is greater, as Core prefers. */
    private static final Comparator<BlockIndex> BY_WORK = (a, b) -> {
        int c = a.chainWork.compareTo(b.chainWork);
        return c != 0 ? c : Long.compare(b.sequence, a.sequence);
    };

    private final ChainParams params;
    private final LongSupplier clock;
    private final BlockFiles blockFiles;
    private final BlockFiles undoFiles;
    private final ChainDb db;
    private final Map<Hash256, BlockIndex> index = new HashMap<>();
    private final List<BlockIndex> active = new ArrayList<>();
    /**
     * Core's setBlockIndexCandidates: blocks with data, not known invalid, with at least the tip's
     * work, so picking the chain to move to is a look at the last element instead of a scan of the
     * whole index per connected block. Entries found unusable are dropped when they come up.
     */
    private final NavigableSet<BlockIndex> candidates = new TreeSet<>(BY_WORK);
    private final CoinsCache coins;
    private final ScriptChecks scripts = new ScriptChecks();
    private final List<ChainListener> listeners = new CopyOnWriteArrayList<>();
    private final BlockConnector connector;
    private long nextSequence;

    /** Core's -dbcache default in MiB. */
    public static final long DEFAULT_DB_CACHE_MIB = 450;

    /** Opens (or creates) the chain in {@code netDir}; {@code clock} gives seconds since the epoch (mockable). */
    public ChainState(ChainParams params, Path netDir, LongSupplier clock) throws IOException {
        this(params, netDir, clock, DEFAULT_DB_CACHE_MIB << 20);
    }

    /**
     * As above with a -dbcache budget in bytes: an eighth (at most 64 MiB) goes to SQLite's page
     * caches, the rest to the in-memory coins cache.
     */
    public ChainState(ChainParams params, Path netDir, LongSupplier clock, long dbCacheBytes) throws IOException {
        this(params, netDir, clock, dbCacheBytes, false);
    }

    /** As above, keeping Core's -txindex in {@code <netdir>/indexes/txindex} when {@code txIndex}. */
    public ChainState(ChainParams params, Path netDir, LongSupplier clock, long dbCacheBytes, boolean txIndex)
            throws IOException {
        this.params = params;
        this.clock = clock;
        Path blocks = netDir.resolve("blocks");
        blockFiles = new BlockFiles(blocks, "blk", params.messageStart(), false);
        undoFiles = new BlockFiles(blocks, "rev", params.messageStart(), true);
        long pageCache = Math.min(dbCacheBytes / 8, 64L << 20);
        db = new ChainDb(blocks, netDir.resolve("chainstate"), txIndex ? netDir.resolve("indexes/txindex") : null,
                Math.max(pageCache >> 10, 256));
        coins = new CoinsCache(db, dbCacheBytes - pageCache);
        connector = new BlockConnector(params, scripts);
        for (ChainDb.IndexRow row : db.loadIndex()) {
            BlockIndex prev = index.get(row.header().prevBlock());
            BlockIndex b = new BlockIndex(row.header(), prev, row.sequence());
            b.status = row.status();
            b.data = row.data();
            b.undo = row.undo();
            b.txCount = row.txCount();
            index.put(b.hash, b);
            nextSequence = Math.max(nextSequence, row.sequence() + 1);
        }
        Hash256 best = db.bestBlock();
        if (best == null) {
            initGenesis();
        } else {
            BlockIndex tip = index.get(best);
            if (tip == null) {
                throw new IOException("chainstate tip " + best + " is missing from the block index");
            }
            setActive(tip);
        }
        checkLastBlocks();
        rebuildCandidates();
        // Core's ActivateBestChain at startup: a block stored before a kill -9 that came before it was
        // connected (processBlock commits the block, then connects it) has more work than the tip.
        activateBestChain();
        if (txIndex) {
            syncTxIndex();
        }
    }

    /**
     * Brings -txindex up to the tip (when it was just enabled, or disabled for a while): from where
     * it left the active chain, every block's transactions, committed a block at a time.
     */
    private void syncTxIndex() throws IOException {
        Hash256 best = db.txIndexBest();
        BlockIndex from = best == null ? null : index.get(best);
        int start = from == null ? 1 : fork(from, tip()).height + 1;
        for (int h = start; h < active.size(); h++) {
            BlockIndex b = active.get(h);
            db.batch().txIndex(txids(readBlock(b)), b.hash, b.hash).commit();
        }
        if (active.size() == 1) {
            db.batch().txIndex(List.of(), null, tip().hash).commit();
        }
    }

    private static List<Hash256> txids(Block block) {
        return block.transactions().stream().map(org.btcmp.primitives.Transaction::txid).toList();
    }

    public boolean hasTxIndex() {
        return db.hasTxIndex();
    }

    /** With -txindex: the block holding {@code txid}, or null when the index has no such transaction. */
    public synchronized BlockIndex txIndexLookup(Hash256 txid) throws IOException {
        Hash256 block = db.txBlock(txid);
        return block == null ? null : index.get(block);
    }

    /** With -txindex: the block the index has reached. */
    public synchronized BlockIndex txIndexBest() throws IOException {
        Hash256 best = db.txIndexBest();
        return best == null ? null : index.get(best);
    }

    private void initGenesis() throws IOException {
        Block genesis = params.genesis();
        BlockIndex g = new BlockIndex(genesis.header(), null, nextSequence++);
        g.data = blockFiles.append(genesis.toBytes());
        g.status = BlockIndex.HAVE_DATA;
        g.txCount = 1;
        index.put(g.hash, g);
        // Core never adds the genesis coinbase to the UTXO set: it is unspendable.
        db.batch().index(g).best(g.hash).commit();
        setActive(g);
    }

    /** Core's -checkblocks at startup: the last blocks and their undo data read back and hash right. */
    private void checkLastBlocks() throws IOException {
        for (int h = active.size() - 1; h >= Math.max(0, active.size() - CHECK_BLOCKS); h--) {
            BlockIndex b = active.get(h);
            Block block = readBlock(b);
            if (!block.hash().equals(b.hash)) {
                throw new IOException("block " + b + " on disk does not match its index entry");
            }
            if (h > 0) {
                readUndo(b);
            }
        }
    }

    private void setActive(BlockIndex tip) {
        active.clear();
        for (BlockIndex b = tip; b != null; b = b.prev) {
            active.add(b);
        }
        Collections.reverse(active);
    }

    public ChainParams params() {
        return params;
    }

    public long now() {
        return clock.getAsLong();
    }

    /** Core's DEFAULT_MAX_TIP_AGE: a tip older than this keeps the node in initial block download. */
    public static final long MAX_TIP_AGE_SECONDS = 24 * 60 * 60;
    /** -minimumchainwork: below it the node stays in initial block download and fetches no blocks. */
    private volatile java.math.BigInteger minimumChainWork = java.math.BigInteger.ZERO;
    /** Core latches the end of initial block download: once out, never back in. */
    private volatile boolean initialDownloadDone;

    public void setMinimumChainWork(java.math.BigInteger work) {
        if (work.signum() < 0) {
            throw new IllegalArgumentException("minimum chain work cannot be negative: " + work);
        }
        minimumChainWork = work;
    }

    public java.math.BigInteger minimumChainWork() {
        return minimumChainWork;
    }

    /**
     * Core's IsInitialBlockDownload: true while the tip has less work than -minimumchainwork or is older than
     * {@value #MAX_TIP_AGE_SECONDS} s; once false it stays false.
     */
    public boolean isInitialBlockDownload() {
        if (initialDownloadDone) {
            return false;
        }
        BlockIndex tip = tip();
        if (tip.chainWork().compareTo(minimumChainWork) < 0 || tip.header().time() < now() - MAX_TIP_AGE_SECONDS) {
            return true;
        }
        initialDownloadDone = true;
        return false;
    }

    public void addListener(ChainListener l) {
        listeners.add(l);
    }

    public void removeListener(ChainListener l) {
        listeners.remove(l);
    }

    public synchronized BlockIndex tip() {
        return active.get(active.size() - 1);
    }

    public synchronized int height() {
        return active.size() - 1;
    }

    /** The active chain's block at {@code height}, or null. */
    public synchronized BlockIndex atHeight(int height) {
        return height >= 0 && height < active.size() ? active.get(height) : null;
    }

    public synchronized BlockIndex lookup(Hash256 hash) {
        return index.get(hash);
    }

    public synchronized boolean isActive(BlockIndex b) {
        return b.height < active.size() && active.get(b.height) == b;
    }

    public synchronized List<BlockIndex> allBlocks() {
        return new ArrayList<>(index.values());
    }

    public synchronized Coin coin(OutPoint o) {
        return coins.get(o);
    }

    /**
     * Visits the UTXO set of the current tip in Core's database order (txid bytes, then index)
     * while holding the chain lock, so {@code tip()} inside the visitor's caller stays the tip it saw.
     */
    public synchronized void forEachCoin(BiConsumer<OutPoint, Coin> visitor) throws IOException {
        db.forEachCoin(visitor);
    }

    /** A copy of the whole UTXO set at the current tip (tests; it reads every coin). */
    public synchronized Map<OutPoint, Coin> utxoSnapshot() throws IOException {
        Map<OutPoint, Coin> all = new HashMap<>();
        db.forEachCoin(all::put);
        return all;
    }

    /** Coins currently held in the memory cache and its estimated size in bytes. */
    public synchronized long[] coinsCacheUsage() {
        return new long[] {coins.cachedCount(), coins.usage()};
    }

    /** Coin lookups for code already holding this lock (mempool checks). */
    CoinsCache coinsView() {
        return coins;
    }

    public Block readBlock(BlockIndex b) throws IOException {
        if (b.data == null) {
            throw new IOException("block " + b.hash + " not available (no data stored)");
        }
        try {
            return Block.fromBytes(blockFiles.read(b.data));
        } catch (DecodeException e) {
            throw new IOException("block " + b.hash + " on disk is corrupt: " + e.getMessage(), e);
        }
    }

    BlockUndo readUndo(BlockIndex b) throws IOException {
        if (b.undo == null) {
            throw new IOException("undo data for " + b.hash + " missing");
        }
        try {
            return BlockUndo.fromBytes(undoFiles.read(b.undo));
        } catch (DecodeException e) {
            throw new IOException("undo data for " + b.hash + " is corrupt: " + e.getMessage(), e);
        }
    }

    /** Result of offering a block, in submitblock's words (null = accepted). */
    public enum Outcome { ACCEPTED, DUPLICATE, DUPLICATE_INVALID, INCONCLUSIVE }

    /**
     * Checks a block, stores it and moves to the most-work chain (Core's ProcessNewBlock). Throws
     * {@link ValidationException} when the block itself is invalid; storage failures are IOException.
     */
    public synchronized Outcome processBlock(Block block) throws ValidationException, IOException {
        Hash256 hash = block.hash();
        BlockIndex known = index.get(hash);
        if (known != null && known.haveData()) {
            if (!known.failed()) {
                activateBestChain(); // Core's ProcessNewBlock activates even for a block it already has
            }
            return known.failed() ? Outcome.DUPLICATE_INVALID : Outcome.DUPLICATE;
        }
        BlockIndex prev = index.get(block.header().prevBlock());
        if (prev == null) {
            throw new ValidationException("prev-blk-not-found", "previous block " + block.header().prevBlock()
                    + " is unknown");
        }
        if (prev.failed()) {
            throw new ValidationException("bad-prevblk", "previous block is invalid");
        }
        BlockChecks.checkBlock(block, params);
        BlockChecks.contextualHeader(block.header(), prev, params, now());
        BlockChecks.contextualBlock(block, prev, params);
        BlockIndex b = new BlockIndex(block.header(), prev, nextSequence++);
        b.data = blockFiles.append(block.toBytes());
        b.txCount = block.transactions().size();
        b.status = BlockIndex.HAVE_DATA;
        index.put(hash, b);
        db.batch().index(b).commit();
        if (BY_WORK.compare(b, tip()) >= 0 && connectable(b)) {
            candidates.add(b);
        }
        BlockIndex before = tip();
        activateBestChain();
        return tip() == before && b != tip() && !b.failed() ? Outcome.INCONCLUSIVE : Outcome.ACCEPTED;
    }

    /** The reason the last connect of {@code b} failed is recorded in its status; callers read it here. */
    public synchronized boolean isInvalid(Hash256 hash) {
        BlockIndex b = index.get(hash);
        return b != null && b.failed();
    }

    /** The most-work candidate whose blocks up to the active chain have data and are not invalid. */
    private BlockIndex bestCandidate() {
        while (!candidates.isEmpty()) {
            BlockIndex b = candidates.last();
            if (connectable(b)) {
                return b;
            }
            candidates.remove(b);
        }
        return tip();
    }

    /** Blocks on the active chain are valid and stored, so only the branch above it is walked. */
    private boolean connectable(BlockIndex b) {
        for (BlockIndex x = b; x != null && !isActive(x); x = x.prev) {
            if (!x.haveData() || x.failed()) {
                return false;
            }
        }
        return true;
    }

    /** After the tip moved back or blocks became valid again: every usable block not worse than the tip. */
    private void rebuildCandidates() {
        candidates.clear();
        BlockIndex tip = tip();
        candidates.add(tip);
        for (BlockIndex b : index.values()) {
            if (BY_WORK.compare(b, tip) > 0 && connectable(b)) {
                candidates.add(b);
            }
        }
    }

    private void activateBestChain() throws IOException {
        while (true) {
            // Blocks with less work than the tip can never be chosen again (until a rebuild).
            candidates.headSet(tip(), false).clear();
            BlockIndex best = bestCandidate();
            BlockIndex tip = tip();
            if (best == tip || best.chainWork.compareTo(tip.chainWork) <= 0) {
                return;
            }
            BlockIndex fork = fork(tip, best);
            while (tip() != fork) {
                disconnectTip();
            }
            List<BlockIndex> path = new ArrayList<>();
            for (BlockIndex b = best; b != fork; b = b.prev) {
                path.add(b);
            }
            Collections.reverse(path);
            for (BlockIndex b : path) {
                try {
                    connectTip(b);
                } catch (ValidationException e) {
                    markFailed(b, e);
                    break;
                }
            }
        }
    }

    private static BlockIndex fork(BlockIndex a, BlockIndex b) {
        while (a.height > b.height) {
            a = a.prev;
        }
        while (b.height > a.height) {
            b = b.prev;
        }
        while (a != b) {
            a = a.prev;
            b = b.prev;
        }
        return a;
    }

    private final Map<Hash256, String> failures = new HashMap<>();

    /** Why a block was found invalid when connected, if it was. */
    public synchronized String failureReason(Hash256 hash) {
        return failures.get(hash);
    }

    private void markFailed(BlockIndex b, ValidationException e) throws IOException {
        failures.put(b.hash, e.reason());
        b.status |= BlockIndex.FAILED;
        ChainDb.Batch batch = db.batch().index(b);
        for (BlockIndex d : index.values()) {
            if (d != b && d.height > b.height && d.ancestor(b.height) == b) {
                d.status |= BlockIndex.FAILED_CHILD;
                batch.index(d);
            }
        }
        batch.commit();
    }

    private void connectTip(BlockIndex b) throws ValidationException, IOException {
        Block block = readBlock(b);
        UtxoView view = new UtxoView(coins::get, coins::mayHaveAnyOf);
        BlockUndo undo = connector.connect(block, b, view);
        b.undo = undoFiles.append(undo.toBytes());
        b.status |= BlockIndex.HAVE_UNDO;
        ChainDb.Batch batch = db.batch().index(b).best(b.hash);
        if (db.hasTxIndex()) {
            batch.txIndex(txids(block), b.hash, b.hash);
        }
        view.flushTo(batch);
        batch.commit();
        coins.applyCommitted(view);
        active.add(b);
        for (ChainListener l : listeners) {
            l.blockConnected(block, b);
        }
    }

    private void disconnectTip() throws IOException {
        BlockIndex b = tip();
        if (b.prev == null) {
            throw new IllegalStateException("cannot disconnect the genesis block");
        }
        Block block = readBlock(b);
        BlockUndo undo = readUndo(b);
        UtxoView view = new UtxoView(coins::get, coins::mayHaveAnyOf);
        connector.disconnect(block, undo, view);
        ChainDb.Batch batch = db.batch().best(b.prev.hash);
        if (db.hasTxIndex()) {
            // Entries of the left block stay (Core keeps them too); the index's position follows the tip.
            batch.txIndex(List.of(), null, b.prev.hash);
        }
        view.flushTo(batch);
        batch.commit();
        coins.applyCommitted(view);
        active.remove(active.size() - 1);
        for (ChainListener l : listeners) {
            l.blockDisconnected(block, b);
        }
    }

    /** Core's invalidateblock: marks the block and its descendants invalid and leaves their chain. */
    public synchronized void invalidateBlock(Hash256 hash) throws IOException {
        BlockIndex b = index.get(hash);
        if (b == null) {
            throw new IllegalArgumentException("Block not found");
        }
        if (b.prev == null) {
            throw new IllegalArgumentException("cannot invalidate the genesis block");
        }
        while (isActive(b)) {
            disconnectTip();
        }
        markFailed(b, new ValidationException("invalidated", "by invalidateblock"));
        rebuildCandidates();
        activateBestChain();
    }

    /** Core's reconsiderblock: clears invalidity from the block, its ancestors and descendants. */
    public synchronized void reconsiderBlock(Hash256 hash) throws IOException {
        BlockIndex b = index.get(hash);
        if (b == null) {
            throw new IllegalArgumentException("Block not found");
        }
        ChainDb.Batch batch = db.batch();
        for (BlockIndex d : index.values()) {
            boolean related = (d.height >= b.height && d.ancestor(b.height) == b)
                    || (d.height < b.height && b.ancestor(d.height) == d);
            if (related && d.failed()) {
                d.status &= ~(BlockIndex.FAILED | BlockIndex.FAILED_CHILD);
                failures.remove(d.hash);
                batch.index(d);
            }
        }
        batch.commit();
        rebuildCandidates();
        activateBestChain();
    }

    /** Verifies a transaction's scripts with the given flags, sharing the block connector's cache. */
    void verifyScripts(org.btcmp.primitives.Transaction tx, List<Coin> spent, int flags) throws ValidationException {
        scripts.verify(tx, spent, flags, "mempool");
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            db.close();
        } finally {
            try {
                blockFiles.close();
            } finally {
                undoFiles.close();
            }
        }
    }
}

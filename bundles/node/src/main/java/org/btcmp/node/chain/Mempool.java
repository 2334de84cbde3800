package org.btcmp.node.chain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.btcmp.primitives.script.ScriptFlags;

/**
 * Unconfirmed transactions (Core's CTxMemPool with MemPoolAccept's main rules): standardness,
 * fee floor, conflicts with full-RBF replacement, v31's cluster limits, BIP68, expiry, and
 * upkeep as blocks connect and disconnect. Shares the chain state's lock.
 */
public final class Mempool implements ChainListener {
    /** Core v31's default -minrelaytxfee in satoshis per 1000 virtual bytes. */
    public static final long MIN_RELAY_FEE_PER_KVB = 100;
    /** Core v31's -limitclustercount default (and maximum): transactions in one connected mempool cluster. */
    public static final int CLUSTER_COUNT_LIMIT = 64;
    /** Core v31's -limitclustersize default in kvB. */
    public static final long CLUSTER_SIZE_LIMIT_KVB = 101;
    /** That size in weight units, which Core's cluster graph counts. */
    static final long CLUSTER_WEIGHT_LIMIT = CLUSTER_SIZE_LIMIT_KVB * 1000 * 4;
    /** Core's DEFAULT_BYTES_PER_SIGOP: a transaction weighs at least its sigop cost times this. */
    static final int BYTES_PER_SIGOP = 20;
    /** Core's DUST_RELAY_TX_FEE in sat/kvB. */
    public static final long DUST_RELAY_FEE_PER_KVB = Policy.DUST_RELAY_FEE_PER_KVB;
    /** Core's DEFAULT_INCREMENTAL_RELAY_FEE in sat/kvB. */
    public static final long INCREMENTAL_RELAY_FEE_PER_KVB = 100;
    /** Core's -mempoolexpiry default: 336 hours. */
    public static final long DEFAULT_EXPIRY_SECONDS = 336 * 60 * 60;
    /** Core's -maxmempool default: 300 MB. */
    public static final long DEFAULT_MAX_BYTES = 300_000_000L;
    /** Rough heap cost of an entry beyond its transaction's bytes (indexes, links, the entry record). */
    static final int ENTRY_OVERHEAD = 400;
    private static final java.security.SecureRandom KEY_RANDOM = new java.security.SecureRandom();

    /** One mempool transaction with what RPC reports about it. */
    public record Entry(Transaction tx, long fee, int vsize, long time, int height) {
        /** Estimated memory this entry takes (what -maxmempool limits): twice the bytes plus bookkeeping. */
        public long usage() {
            return ENTRY_OVERHEAD + 2L * tx.totalSize();
        }
    }

    private final ChainState chain;
    private final long maxBytes;
    private final long expirySeconds;
    private final boolean persistV1;
    private final int clusterCountLimit;
    private final long clusterWeightLimit;
    private final RollingMinFee rollingMinFee = new RollingMinFee(INCREMENTAL_RELAY_FEE_PER_KVB);
    private long usage;
    private volatile boolean loaded;
    private final FeeEstimator feeEstimator;
    private final Map<Hash256, Entry> entries = new LinkedHashMap<>();
    private final Map<OutPoint, Hash256> spentBy = new HashMap<>();
    /** Each entry's sigop-adjusted weight, what cluster sizes add up. */
    private final Map<Hash256, Long> adjustedWeight = new HashMap<>();
    private final List<Consumer<Transaction>> addedListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Transaction>> removedListeners = new CopyOnWriteArrayList<>();

    public Mempool(ChainState chain) {
        this(chain, DEFAULT_MAX_BYTES, DEFAULT_EXPIRY_SECONDS);
    }

    /** A mempool holding at most {@code maxBytes} of {@link Entry#usage()}, dropping entries after {@code expirySeconds}. */
    public Mempool(ChainState chain, long maxBytes, long expirySeconds) {
        this(chain, maxBytes, expirySeconds, false);
    }

    /** As above; {@code persistV1} saves mempool.dat in the unobfuscated version 1 (Core's -persistmempoolv1). */
    public Mempool(ChainState chain, long maxBytes, long expirySeconds, boolean persistV1) {
        this(chain, maxBytes, expirySeconds, persistV1, CLUSTER_COUNT_LIMIT, CLUSTER_SIZE_LIMIT_KVB);
    }

    /** As above, with -limitclustercount and -limitclustersize (kvB). */
    public Mempool(ChainState chain, long maxBytes, long expirySeconds, boolean persistV1, int clusterCount,
            long clusterSizeKvB) {
        this.clusterCountLimit = clusterCount;
        this.clusterWeightLimit = clusterSizeKvB * 1000 * 4;
        this.chain = chain;
        this.maxBytes = maxBytes;
        this.expirySeconds = expirySeconds;
        this.persistV1 = persistV1;
        chain.addListener(this);
        feeEstimator = new FeeEstimator();
    }

    /** The estimator fed by this mempool's entries as blocks confirm them. */
    public FeeEstimator feeEstimator() {
        return feeEstimator;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public long expirySeconds() {
        return expirySeconds;
    }

    /** Whether the startup load from mempool.dat (or the decision to skip it) is done. */
    public boolean isLoaded() {
        return loaded;
    }

    /**
     * Loads {@code file} (Core's LoadMempool) and marks the mempool loaded; a missing file loads
     * nothing, and a malformed or truncated one loads nothing either: the whole file is decoded
     * before any entry is offered, and the returned line says what was wrong and where.
     */
    public String load(Path file) {
        try {
            if (!Files.exists(file)) {
                return "No mempool.dat to load";
            }
            MempoolFile.LoadStats s = MempoolFile.load(this, MempoolFile.read(file), chain.now());
            return "Imported mempool transactions from disk: " + s.succeeded() + " succeeded, " + s.failed()
                    + " failed, " + s.expired() + " expired, " + s.alreadyThere() + " already there, 0 waiting for"
                    + " initial broadcast";
        } catch (IOException | RuntimeException e) {
            // DecodeException included; a parser's unexpected exception must not stop the node either.
            return "Failed to deserialize mempool data on file: " + e.getMessage() + ". Continuing anyway.";
        } finally {
            loaded = true;
        }
    }

    /** Marks the mempool loaded without reading a file (-persistmempool=0). */
    public void skipLoad() {
        loaded = true;
    }

    /**
     * Core's DumpMempool: every entry with its time, written atomically to {@code file}; version 2
     * with a fresh random obfuscation key unless this pool persists version 1.
     */
    public void save(Path file) throws IOException {
        byte[] key = null;
        if (!persistV1) {
            key = new byte[MempoolFile.KEY_SIZE];
            KEY_RANDOM.nextBytes(key);
        }
        save(file, key);
    }

    /** {@link #save(Path)} with a given key (null: version 1). */
    void save(Path file, byte[] key) throws IOException {
        List<Entry> ordered;
        synchronized (chain) {
            ordered = new ArrayList<>(entries.values());
            Map<Hash256, Integer> depth = new HashMap<>();
            for (Entry e : ordered) {
                depth.put(e.tx().txid(), ancestorsOf(e.tx().txid()).size());
            }
            // Parents before children, so loading re-accepts every entry (reorgs can re-add parents late).
            ordered.sort(Comparator.comparingInt(e -> depth.get(e.tx().txid())));
        }
        MempoolFile.write(file, ordered, key);
    }

    /** Memory the entries take by {@link Entry#usage()}. */
    public long usage() {
        synchronized (chain) {
            return usage;
        }
    }

    /** Core's GetMinFee: the rising minimum after evictions for space, in sat/kvB (0 when none). */
    public long minFeePerKvB() {
        synchronized (chain) {
            return rollingMinFee.current(chain.now(), usage, maxBytes);
        }
    }

    public void onAdded(Consumer<Transaction> l) {
        addedListeners.add(l);
    }

    public void onRemoved(Consumer<Transaction> l) {
        removedListeners.add(l);
    }

    /** Validates {@code tx} and adds it unless {@code testOnly}; returns its entry. */
    public Entry accept(Transaction tx, boolean testOnly) throws ValidationException {
        synchronized (chain) {
            return acceptLocked(tx, testOnly, chain.now(), false);
        }
    }

    /**
     * Core's testmempoolaccept of several transactions (AcceptMultipleTransactions in test mode):
     * the package rules, then every transaction's early checks with the ones before it as
     * mempool parents, replacement of mempool transactions refused, the cluster limits of the
     * package as a whole, then the scripts. Each transaction must pay the minimum fees alone.
     * Nothing changes in the mempool.
     */
    public Package.Result testPackage(List<Transaction> txs) {
        String malformed = Package.wellFormedError(txs);
        if (malformed != null) {
            return new Package.Result(malformed, Map.of());
        }
        synchronized (chain) {
            Map<Hash256, Package.TxResult> results = new LinkedHashMap<>();
            List<Checked> staged = new ArrayList<>();
            try {
                long now = chain.now();
                for (Transaction tx : txs) {
                    try {
                        Checked c = preChecks(tx, now, false, false);
                        stage(c);
                        staged.add(c);
                    } catch (ValidationException e) {
                        results.put(tx.wtxid(), new Package.TxResult(null, e));
                        return new Package.Result(null, results);
                    }
                }
                for (Checked c : staged) {
                    if (clusterTooLarge(c.tx().txid())) {
                        return new Package.Result("too-large-cluster", results);
                    }
                }
                for (Checked c : staged) {
                    try {
                        scriptChecks(c);
                        results.put(c.tx().wtxid(), new Package.TxResult(c.entry(), null));
                    } catch (ValidationException e) {
                        results.put(c.tx().wtxid(), new Package.TxResult(null, e));
                        return new Package.Result(null, results);
                    }
                }
                return new Package.Result(null, results);
            } finally {
                for (int i = staged.size() - 1; i >= 0; i--) {
                    unstage(staged.get(i).tx().txid());
                }
            }
        }
    }

    /** Whether the cluster holding mempool transaction {@code txid} is over the count or size limit. */
    private boolean clusterTooLarge(Hash256 txid) {
        Set<Hash256> cluster = clusterOf(txid);
        long weight = cluster.stream().mapToLong(adjustedWeight::get).sum();
        return cluster.size() > clusterCountLimit || weight > clusterWeightLimit;
    }

    /** Every mempool transaction connected to {@code txid} through parent and child links, itself included. */
    Set<Hash256> clusterOf(Hash256 txid) {
        Set<Hash256> cluster = new HashSet<>();
        List<Hash256> todo = new ArrayList<>(List.of(txid));
        while (!todo.isEmpty()) {
            Hash256 h = todo.remove(todo.size() - 1);
            Entry e = entries.get(h);
            if (e == null || !cluster.add(h)) {
                continue;
            }
            for (TxIn in : e.tx().inputs()) {
                if (entries.containsKey(in.prevout().txid())) {
                    todo.add(in.prevout().txid());
                }
            }
            for (int i = 0; i < e.tx().outputs().size(); i++) {
                Hash256 child = spentBy.get(new OutPoint(h, i));
                if (child != null) {
                    todo.add(child);
                }
            }
        }
        return cluster;
    }

    /** Re-adds a transaction loaded from mempool.dat with its original entry time. */
    public Entry acceptLoaded(Transaction tx, long time) throws ValidationException {
        synchronized (chain) {
            return acceptLocked(tx, false, time, false);
        }
    }

    /**
     * {@code bypassLimits} (re-adding after a reorg, as Core) skips the mempool minimum fee and
     * the trimming to -maxmempool.
     */
    private Entry acceptLocked(Transaction tx, boolean testOnly, long time, boolean bypassLimits)
            throws ValidationException {
        Checked c = preChecks(tx, time, bypassLimits, true);
        checkClusterLimits(c.parents(), c.evicted(), c.weight());
        scriptChecks(c);
        if (testOnly) {
            return c.entry();
        }
        return commit(c, bypassLimits);
    }

    /** A transaction that passed the checks before its scripts (Core's Workspace after PreChecks). */
    private record Checked(Entry entry, List<Coin> spent, Set<Hash256> parents, Set<Hash256> evicted, long weight,
            int nextHeight) {
        Transaction tx() {
            return entry.tx();
        }
    }

    /**
     * Core's PreChecks and ReplacementChecks: everything but the cluster limits and the scripts.
     * Without {@code allowReplacement} a conflict is refused outright (package tests, as Core).
     */
    private Checked preChecks(Transaction tx, long time, boolean bypassLimits, boolean allowReplacement)
            throws ValidationException {
        TxChecks.checkTransaction(tx);
        if (tx.isCoinbase()) {
            throw new ValidationException("coinbase");
        }
        Policy.checkStandard(tx);
        BlockIndex tip = chain.tip();
        int nextHeight = tip.height + 1;
        if (!TxChecks.isFinal(tx, nextHeight, tip.medianTimePast())) {
            throw new ValidationException("non-final");
        }
        Entry same = entries.get(tx.txid());
        if (same != null) {
            throw new ValidationException(same.tx().wtxid().equals(tx.wtxid()) ? "txn-already-in-mempool"
                    : "txn-same-nonwitness-data-in-mempool");
        }
        Set<Hash256> conflicts = new HashSet<>();
        List<Coin> spent = new ArrayList<>();
        Set<Hash256> parents = new HashSet<>();
        for (TxIn in : tx.inputs()) {
            Hash256 other = spentBy.get(in.prevout());
            if (other != null) {
                conflicts.add(other);
            }
            Entry parent = entries.get(in.prevout().txid());
            if (parent != null) {
                long idx = in.prevout().index();
                if (idx >= parent.tx().outputs().size()) {
                    spent.add(null);
                } else {
                    spent.add(new Coin(parent.tx().outputs().get((int) idx), nextHeight, false));
                    parents.add(parent.tx().txid());
                }
            } else {
                spent.add(chain.coinsView().get(in.prevout()));
            }
        }
        if (!conflicts.isEmpty() && !allowReplacement) {
            throw new ValidationException("bip125-replacement-disallowed");
        }
        if (spent.contains(null)) {
            for (int i = 0; i < tx.outputs().size(); i++) {
                if (chain.coinsView().get(new OutPoint(tx.txid(), i)) != null) {
                    throw new ValidationException("txn-already-known");
                }
            }
            throw new ValidationException("missing-inputs");
        }
        long fee = TxChecks.checkInputs(tx, spent, nextHeight);
        if (!TxChecks.sequenceLocksPass(tx, spent, tip, nextHeight, new HashMap<>())) {
            throw new ValidationException("non-BIP68-final");
        }
        int vsize = tx.vsize();
        long mempoolFee = bypassLimits ? 0 : rollingMinFee.current(chain.now(), usage, maxBytes) * vsize / 1000;
        if (mempoolFee > 0 && fee < mempoolFee) {
            throw new ValidationException("mempool min fee not met", fee + " < " + mempoolFee);
        }
        long minFee = MIN_RELAY_FEE_PER_KVB * vsize / 1000;
        if (fee < minFee) {
            throw new ValidationException("min relay fee not met", fee + " < " + minFee);
        }
        int sigops = Sigops.cost(tx, spent);
        if (sigops > Consensus.MAX_BLOCK_SIGOPS_COST / 5) {
            throw new ValidationException("bad-txns-too-many-sigops");
        }
        long weight = Math.max(tx.weight(), (long) sigops * BYTES_PER_SIGOP);
        Set<Hash256> ancestors = ancestors(parents);
        Set<Hash256> evicted = Set.of();
        Entry entry = new Entry(tx, fee, vsize, time, tip.height);
        if (!conflicts.isEmpty()) {
            evicted = checkReplacement(entry, weight, conflicts, ancestors);
        }
        return new Checked(entry, spent, parents, evicted, weight, nextHeight);
    }

    /** Core's PolicyScriptChecks and ConsensusScriptChecks in one pass with the union of the flags. */
    private void scriptChecks(Checked c) throws ValidationException {
        int consensus = ScriptChecks.consensusFlags(chain.params(), c.nextHeight());
        chain.verifyScripts(c.tx(), c.spent(), consensus | ScriptFlags.STANDARD_EXTRA);
    }

    /** Core's Finalize: evicts what the transaction replaces, adds it, tells listeners, trims. */
    private Entry commit(Checked c, boolean bypassLimits) throws ValidationException {
        for (Hash256 h : c.evicted()) {
            removeOne(h);
        }
        Transaction tx = c.tx();
        stage(c);
        // Core counts only transactions without mempool parents that did not skip the fee floor.
        feeEstimator.transactionAdded(tx.txid(), c.entry().height(), c.entry().fee(), c.entry().vsize(),
                !bypassLimits && c.parents().isEmpty());
        addedListeners.forEach(l -> l.accept(tx));
        if (!bypassLimits) {
            limitSize();
            if (!entries.containsKey(tx.txid())) {
                throw new ValidationException("mempool full");
            }
        }
        return c.entry();
    }

    /** Puts a checked transaction in the indexes, telling nobody (package tests take it out again). */
    private void stage(Checked c) {
        Transaction tx = c.tx();
        entries.put(tx.txid(), c.entry());
        adjustedWeight.put(tx.txid(), c.weight());
        usage += c.entry().usage();
        for (TxIn in : tx.inputs()) {
            spentBy.put(in.prevout(), tx.txid());
        }
    }

    /** Takes an entry out of the indexes, telling nobody; returns it (null if absent). */
    private Entry unstage(Hash256 h) {
        Entry e = entries.remove(h);
        if (e != null) {
            adjustedWeight.remove(h);
            usage -= e.usage();
            for (TxIn in : e.tx().inputs()) {
                spentBy.remove(in.prevout(), h);
            }
        }
        return e;
    }

    /** Core's LimitMempoolSize: expiry first, then trimming to -maxmempool. */
    private void limitSize() {
        expire();
        trimToSize();
    }

    /**
     * Core's TrimToSize: while over the limit, the entry with the lowest descendant score (the
     * higher of its own rate and its package's with descendants; newer first on ties) leaves with
     * its descendants, and the minimum fee rises above that package's rate.
     */
    private void trimToSize() {
        while (usage > maxBytes && !entries.isEmpty()) {
            Entry worst = null;
            double worstScore = 0;
            long worstFees = 0;
            long worstSize = 0;
            for (Entry e : entries.values()) {
                long fees = e.fee();
                long size = e.vsize();
                for (Hash256 d : descendants(e.tx().txid())) {
                    Entry de = entries.get(d);
                    fees += de.fee();
                    size += de.vsize();
                }
                double score = Math.max((double) e.fee() / e.vsize(), (double) fees / size);
                if (worst == null || score < worstScore || (score == worstScore && e.time() >= worst.time())) {
                    worst = e;
                    worstScore = score;
                    worstFees = fees;
                    worstSize = size;
                }
            }
            rollingMinFee.packageRemoved(worstFees * 1000 / worstSize);
            removeWithDescendants(worst.tx().txid());
        }
    }

    /**
     * Core v31's cluster limits: the cluster the new transaction would join (everything connected
     * to its mempool parents through parent or child links, without what a replacement evicts)
     * may hold at most 64 transactions and 404 000 sigop-adjusted weight units with it (by default).
     */
    private void checkClusterLimits(Set<Hash256> parents, Set<Hash256> evicted, long weight)
            throws ValidationException {
        Set<Hash256> cluster = new HashSet<>();
        List<Hash256> todo = new ArrayList<>();
        for (Hash256 p : parents) {
            if (!evicted.contains(p)) {
                todo.add(p);
            }
        }
        long total = weight;
        while (!todo.isEmpty()) {
            Hash256 h = todo.remove(todo.size() - 1);
            if (evicted.contains(h) || !cluster.add(h)) {
                continue;
            }
            total += adjustedWeight.get(h);
            if (cluster.size() + 1 > clusterCountLimit || total > clusterWeightLimit) {
                throw new ValidationException("too-large-cluster");
            }
            Entry e = entries.get(h);
            for (TxIn in : e.tx().inputs()) {
                if (entries.containsKey(in.prevout().txid())) {
                    todo.add(in.prevout().txid());
                }
            }
            for (int i = 0; i < e.tx().outputs().size(); i++) {
                Hash256 child = spentBy.get(new OutPoint(h, i));
                if (child != null) {
                    todo.add(child);
                }
            }
        }
        if (total > clusterWeightLimit) {
            throw new ValidationException("too-large-cluster");
        }
    }

    /** Core's full-RBF rules 3-5: pay more in total and in rate, cover relay of the replacement, evict ≤ 100. */
    private Set<Hash256> checkReplacement(Entry replacement, long weight, Set<Hash256> conflicts,
            Set<Hash256> ancestors) throws ValidationException {
        Transaction tx = replacement.tx();
        long fee = replacement.fee();
        int vsize = replacement.vsize();
        Set<Hash256> evicted = new HashSet<>();
        for (Hash256 c : conflicts) {
            if (ancestors.contains(c)) {
                throw new ValidationException("bad-txns-spends-conflicting-tx");
            }
            evicted.add(c);
            evicted.addAll(descendants(c));
        }
        if (evicted.size() > 100) {
            throw new ValidationException("too many potential replacements");
        }
        long oldFees = 0;
        for (Hash256 h : evicted) {
            oldFees += entries.get(h).fee();
        }
        for (Hash256 c : conflicts) {
            Entry old = entries.get(c);
            if (fee * old.vsize() <= old.fee() * vsize) {
                throw new ValidationException("insufficient fee", "rejecting replacement " + tx.txid()
                        + "; new feerate not higher than the replaced transaction's");
            }
        }
        if (fee < oldFees) {
            throw new ValidationException("insufficient fee", "rejecting replacement " + tx.txid()
                    + ", less fees than conflicting txs");
        }
        if (fee - oldFees < MIN_RELAY_FEE_PER_KVB * vsize / 1000) {
            throw new ValidationException("insufficient fee", "rejecting replacement " + tx.txid()
                    + ", not enough additional fees to relay");
        }
        return evicted;
    }

    private Set<Hash256> ancestors(Set<Hash256> parents) {
        Set<Hash256> out = new HashSet<>();
        List<Hash256> todo = new ArrayList<>(parents);
        while (!todo.isEmpty()) {
            Hash256 h = todo.remove(todo.size() - 1);
            if (out.add(h)) {
                for (TxIn in : entries.get(h).tx().inputs()) {
                    if (entries.containsKey(in.prevout().txid())) {
                        todo.add(in.prevout().txid());
                    }
                }
            }
        }
        return out;
    }

    private Set<Hash256> descendants(Hash256 root) {
        Set<Hash256> out = new HashSet<>();
        List<Hash256> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            Entry e = entries.get(todo.remove(todo.size() - 1));
            if (e == null) {
                continue;
            }
            for (int i = 0; i < e.tx().outputs().size(); i++) {
                Hash256 child = spentBy.get(new OutPoint(e.tx().txid(), i));
                if (child != null && out.add(child)) {
                    todo.add(child);
                }
            }
        }
        return out;
    }

    private void removeOne(Hash256 h) {
        removeOne(h, false);
    }

    /** {@code confirmed}: a block took it, which the fee estimator learns from {@link #blockConnected}. */
    private void removeOne(Hash256 h, boolean confirmed) {
        Entry e = unstage(h);
        if (e != null) {
            if (!confirmed) {
                feeEstimator.transactionRemoved(h);
            }
            removedListeners.forEach(l -> l.accept(e.tx()));
        }
    }

    private void removeWithDescendants(Hash256 h) {
        for (Hash256 d : descendants(h)) {
            removeOne(d);
        }
        removeOne(h);
    }

    private void expire() {
        long cutoff = chain.now() - expirySeconds;
        for (Entry e : new ArrayList<>(entries.values())) {
            if (e.time() < cutoff) {
                removeWithDescendants(e.tx().txid());
            }
        }
    }

    @Override
    public void blockConnected(Block block, BlockIndex index) {
        rollingMinFee.blockConnected(chain.now());
        List<FeeEstimator.Confirmed> confirmed = new ArrayList<>();
        for (Transaction tx : block.transactions()) {
            Entry e = entries.get(tx.txid());
            if (e != null) {
                confirmed.add(new FeeEstimator.Confirmed(tx.txid(), e.fee(), e.vsize()));
                removeOne(tx.txid(), true);
            }
            for (TxIn in : tx.inputs()) {
                Hash256 conflict = spentBy.get(in.prevout());
                if (conflict != null) {
                    removeWithDescendants(conflict);
                }
            }
        }
        feeEstimator.blockConnected(index.height(), confirmed);
    }

    @Override
    public void blockDisconnected(Block block, BlockIndex index) {
        // Re-add after the tip moved: the chain state calls us with the block already disconnected.
        for (Transaction tx : block.transactions()) {
            if (tx.isCoinbase()) {
                continue;
            }
            try {
                acceptLocked(tx, false, chain.now(), true);
            } catch (ValidationException e) {
                // No longer valid on the new tip (e.g. spends an immature coinbase): dropped, as Core does.
            }
        }
        removeForReorg();
        limitSize();
    }

    /**
     * Core's removeForReorg: after the tip moved back, entries that spend a coinbase no longer mature
     * for the next block, or that are no longer final, leave with their descendants.
     */
    private void removeForReorg() {
        BlockIndex tip = chain.tip();
        int next = tip.height + 1;
        for (Entry e : new ArrayList<>(entries.values())) {
            if (!entries.containsKey(e.tx().txid())) {
                continue;
            }
            boolean drop = !TxChecks.isFinal(e.tx(), next, tip.medianTimePast());
            List<Coin> coins = new ArrayList<>();
            for (TxIn in : e.tx().inputs()) {
                Coin c = chain.coinsView().get(in.prevout());
                Entry parent = entries.get(in.prevout().txid());
                if (c == null && parent != null && in.prevout().index() < parent.tx().outputs().size()) {
                    c = new Coin(parent.tx().outputs().get((int) in.prevout().index()), next, false);
                }
                if (c == null || (c.coinbase() && next - c.height() < org.btcmp.primitives.ChainParams.COINBASE_MATURITY)) {
                    drop = true;
                }
                coins.add(c);
            }
            if (!drop && !TxChecks.sequenceLocksPass(e.tx(), coins, tip, next, new HashMap<>())) {
                drop = true;
            }
            if (drop) {
                removeWithDescendants(e.tx().txid());
            }
        }
    }

    public Entry get(Hash256 txid) {
        synchronized (chain) {
            return entries.get(txid);
        }
    }

    public boolean contains(Hash256 txid) {
        return get(txid) != null;
    }

    public List<Entry> entries() {
        synchronized (chain) {
            return new ArrayList<>(entries.values());
        }
    }

    public int size() {
        synchronized (chain) {
            return entries.size();
        }
    }

    /**
     * Mempool transactions in the order a block template takes them: repeatedly the transaction
     * whose package (itself with its not yet taken mempool ancestors) pays the highest fee rate,
     * the package's parents first (Core's ancestor-package selection, so a child pays for its
     * parent; v31 picks cluster chunks, which this matches for chains and single-parent trees).
     */
    public List<Entry> blockCandidates() {
        synchronized (chain) {
            Map<Hash256, Set<Hash256>> ancestorSets = new HashMap<>();
            Map<Hash256, long[]> packages = new HashMap<>();
            for (Entry e : entries.values()) {
                Hash256 h = e.tx().txid();
                Set<Hash256> anc = ancestorsOf(h);
                ancestorSets.put(h, anc);
                long fee = e.fee();
                long size = e.vsize();
                for (Hash256 a : anc) {
                    fee += entries.get(a).fee();
                    size += entries.get(a).vsize();
                }
                packages.put(h, new long[] {fee, size});
            }
            // Highest package rate first (fee/size compared by cross-multiplying); ties by txid for a stable order.
            Comparator<Candidate> byRate = (a, b) -> {
                int c = Long.compare(b.fee() * a.size(), a.fee() * b.size());
                return c != 0 ? c : a.txid().compareTo(b.txid());
            };
            java.util.PriorityQueue<Candidate> queue = new java.util.PriorityQueue<>(byRate);
            packages.forEach((h, p) -> queue.add(new Candidate(h, p[0], p[1])));
            List<Entry> ordered = new ArrayList<>();
            Set<Hash256> taken = new HashSet<>();
            while (!queue.isEmpty()) {
                Candidate c = queue.poll();
                long[] current = packages.get(c.txid());
                if (taken.contains(c.txid()) || current[0] != c.fee() || current[1] != c.size()) {
                    continue;
                }
                List<Hash256> pkg = new ArrayList<>();
                for (Hash256 a : ancestorSets.get(c.txid())) {
                    if (!taken.contains(a)) {
                        pkg.add(a);
                    }
                }
                pkg.add(c.txid());
                pkg.sort(Comparator.comparingInt((Hash256 h) -> ancestorSets.get(h).size()).thenComparing(h -> h));
                for (Hash256 h : pkg) {
                    Entry e = entries.get(h);
                    ordered.add(e);
                    taken.add(h);
                    for (Hash256 d : descendants(h)) {
                        if (!taken.contains(d)) {
                            long[] p = packages.get(d);
                            p[0] -= e.fee();
                            p[1] -= e.vsize();
                            queue.add(new Candidate(d, p[0], p[1]));
                        }
                    }
                }
            }
            return ordered;
        }
    }

    /** A transaction's package fee and size when it was queued. */
    private record Candidate(Hash256 txid, long fee, long size) {
    }

    /** Total size of all entries in virtual bytes. */
    public long totalVsize() {
        synchronized (chain) {
            return entries.values().stream().mapToLong(Entry::vsize).sum();
        }
    }

    /** The output a mempool transaction creates, if one does and it is unspent in the mempool. */
    public TxOut mempoolOutput(OutPoint o) {
        synchronized (chain) {
            Entry e = entries.get(o.txid());
            if (e == null || o.index() >= e.tx().outputs().size() || spentBy.containsKey(o)) {
                return null;
            }
            return e.tx().outputs().get((int) o.index());
        }
    }

    public boolean isSpentInMempool(OutPoint o) {
        synchronized (chain) {
            return spentBy.containsKey(o);
        }
    }

    public Set<Hash256> ancestorsOf(Hash256 txid) {
        synchronized (chain) {
            Entry e = entries.get(txid);
            if (e == null) {
                return Set.of();
            }
            Set<Hash256> parents = new HashSet<>();
            for (TxIn in : e.tx().inputs()) {
                if (entries.containsKey(in.prevout().txid())) {
                    parents.add(in.prevout().txid());
                }
            }
            return ancestors(parents);
        }
    }

    public Set<Hash256> descendantsOf(Hash256 txid) {
        synchronized (chain) {
            return descendants(txid);
        }
    }
}

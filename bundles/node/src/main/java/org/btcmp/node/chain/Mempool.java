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
 * Unconfirmed transactions (Core v31's CTxMemPool with MemPoolAccept's main rules): standardness,
 * fee floor, conflicts with full-RBF replacement judged by the feerate diagram, cluster limits,
 * chunked clusters for templates and eviction, packages (test and submit), BIP68, expiry, and
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
    /** Core's MAX_REPLACEMENT_CANDIDATES: distinct clusters a replacement may conflict with directly. */
    static final int MAX_REPLACEMENT_CLUSTERS = 100;
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
                        Checked c = preChecks(tx, now, Mode.PACKAGE_TEST);
                        stage(c);
                        staged.add(c);
                    } catch (ValidationException e) {
                        results.put(tx.wtxid(), Package.TxResult.failed(e));
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
                        results.put(c.tx().wtxid(), Package.TxResult.accepted(c.entry()));
                    } catch (ValidationException e) {
                        results.put(c.tx().wtxid(), Package.TxResult.failed(e));
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

    /** Core's TX_RECONSIDERABLE reasons and missing inputs: a failure alone a package may still mend. */
    private static final Set<String> RECONSIDERABLE = Set.of("min relay fee not met", "mempool min fee not met",
            "insufficient fee", "replacement-failed", "missing-inputs");

    /**
     * Core's submitpackage (AcceptPackage): a child with its parents. Each transaction not yet in
     * the mempool is tried alone first; those failing only for their fee (or for a parent that
     * did) are then tried together, paying the fee floors with the package's feerate, without
     * replacing mempool transactions. A transaction over {@code maxFeeRatePerKvB} (0: no limit)
     * fails "max feerate exceeded". Transactions evicted by the final trim report "mempool full".
     */
    public Package.Result submitPackage(List<Transaction> txs, long maxFeeRatePerKvB) {
        String malformed = Package.wellFormedError(txs);
        if (malformed != null) {
            return new Package.Result(malformed, Map.of());
        }
        if (txs.size() > 1 && !Package.isChildWithParents(txs)) {
            return new Package.Result("package-not-child-with-parents", Map.of());
        }
        synchronized (chain) {
            long now = chain.now();
            Map<Hash256, Package.TxResult> done = new HashMap<>();
            Map<Hash256, Package.TxResult> alone = new HashMap<>();
            List<Transaction> together = new ArrayList<>();
            List<Hash256> replaced = new ArrayList<>();
            boolean quit = false;
            for (Transaction tx : txs) {
                Entry there = entries.get(tx.txid());
                if (there != null) {
                    done.put(tx.wtxid(), Package.TxResult.inMempool(there));
                    continue;
                }
                try {
                    Checked c = preChecks(tx, now, Mode.SINGLE);
                    checkMaxFeeRate(c, maxFeeRatePerKvB);
                    scriptChecks(c);
                    replaced.addAll(c.evicted());
                    done.put(tx.wtxid(), Package.TxResult.accepted(commit(c, true, false)));
                } catch (ValidationException e) {
                    alone.put(tx.wtxid(), Package.TxResult.failed(e));
                    if (txs.size() == 1 || !RECONSIDERABLE.contains(e.reason())) {
                        quit = true;
                    } else {
                        together.add(tx);
                    }
                }
            }
            String error = quit || together.size() == 1 ? "transaction failed" : null;
            Package.Result joint = new Package.Result(null, Map.of());
            if (error == null && !together.isEmpty()) {
                joint = acceptTogether(together, now, maxFeeRatePerKvB);
                error = joint.packageError();
                limitSize();
            }
            Map<Hash256, Package.TxResult> out = new LinkedHashMap<>();
            for (Transaction tx : txs) {
                Package.TxResult r = joint.results().containsKey(tx.wtxid()) ? joint.results().get(tx.wtxid())
                        : done.containsKey(tx.wtxid()) ? done.get(tx.wtxid()) : alone.get(tx.wtxid());
                if (r != null && r.accepted() && !entries.containsKey(tx.txid())) {
                    error = "transaction failed";
                    r = Package.TxResult.failed(new ValidationException("mempool full"));
                }
                if (r != null) {
                    out.put(tx.wtxid(), r);
                }
            }
            return new Package.Result(error, out, replaced);
        }
    }

    /**
     * Core's AcceptMultipleTransactions for a submission: early checks with the package's
     * earlier transactions as parents, the fee floors on the package's total, the cluster limits
     * of the whole, the scripts, then all are added (the caller trims once).
     */
    private Package.Result acceptTogether(List<Transaction> txs, long now, long maxFeeRatePerKvB) {
        List<Checked> staged = new ArrayList<>();
        long fee = 0;
        long vsize = 0;
        try {
            for (Transaction tx : txs) {
                try {
                    Checked c = preChecks(tx, now, Mode.PACKAGE_SUBMIT);
                    checkMaxFeeRate(c, maxFeeRatePerKvB);
                    stage(c);
                    staged.add(c);
                    fee += c.entry().fee();
                    vsize += c.entry().vsize();
                } catch (ValidationException e) {
                    return new Package.Result("transaction failed", Map.of(tx.wtxid(), Package.TxResult.failed(e)));
                }
            }
            try {
                checkFeeFloors(fee, vsize, false);
            } catch (ValidationException e) {
                return new Package.Result("transaction failed",
                        Map.of(txs.get(txs.size() - 1).wtxid(), Package.TxResult.failed(e)));
            }
            for (Checked c : staged) {
                if (clusterTooLarge(c.tx().txid())) {
                    return new Package.Result("too-large-cluster", Map.of());
                }
            }
            for (Checked c : staged) {
                try {
                    scriptChecks(c);
                } catch (ValidationException e) {
                    return new Package.Result("transaction failed", Map.of(c.tx().wtxid(), Package.TxResult.failed(e)));
                }
            }
        } finally {
            for (int i = staged.size() - 1; i >= 0; i--) {
                unstage(staged.get(i).tx().txid());
            }
        }
        List<Hash256> wtxids = txs.stream().map(Transaction::wtxid).toList();
        Map<Hash256, Package.TxResult> results = new LinkedHashMap<>();
        for (Checked c : staged) {
            try {
                Entry e = commit(c, false, false);
                results.put(c.tx().wtxid(), new Package.TxResult(e, null, fee, vsize, wtxids, false));
            } catch (ValidationException e) {
                throw new IllegalStateException("a checked package transaction failed to enter", e);
            }
        }
        return new Package.Result(null, results);
    }

    /** The caller's maxfeerate on one transaction's own rate (Core's client_maxfeerate). */
    private static void checkMaxFeeRate(Checked c, long maxFeeRatePerKvB) throws ValidationException {
        if (maxFeeRatePerKvB > 0 && c.entry().fee() * 1000 / c.entry().vsize() > maxFeeRatePerKvB) {
            throw new ValidationException("max feerate exceeded");
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
        Checked c = preChecks(tx, time, bypassLimits ? Mode.REORG : Mode.SINGLE);
        scriptChecks(c);
        if (testOnly) {
            return c.entry();
        }
        return commit(c, !bypassLimits, !bypassLimits);
    }

    /**
     * The parts of Core's ATMPArgs that differ here: skipping the mempool minimum fee and the
     * trimming (re-adding after a reorg), allowing replacement, checking cluster limits per
     * transaction (not for a package as a whole), and each transaction paying the fee floors alone
     * (not the package together).
     */
    private record Mode(boolean bypassLimits, boolean allowReplacement, boolean checkCluster, boolean ownFeeFloor) {
        static final Mode SINGLE = new Mode(false, true, true, true);
        static final Mode REORG = new Mode(true, true, true, true);
        static final Mode PACKAGE_TEST = new Mode(false, false, false, true);
        static final Mode PACKAGE_SUBMIT = new Mode(false, false, false, false);
    }

    /** A transaction that passed the checks before its scripts (Core's Workspace after PreChecks). */
    private record Checked(Entry entry, List<Coin> spent, Set<Hash256> parents, Set<Hash256> evicted, long weight,
            int nextHeight) {
        Transaction tx() {
            return entry.tx();
        }
    }

    /**
     * Core's PreChecks and ReplacementChecks: everything but the scripts, as {@code mode} says.
     * Without replacement a conflict is refused outright (packages, as Core).
     */
    private Checked preChecks(Transaction tx, long time, Mode mode) throws ValidationException {
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
        if (!conflicts.isEmpty() && !mode.allowReplacement()) {
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
        if (mode.ownFeeFloor()) {
            checkFeeFloors(fee, vsize, mode.bypassLimits());
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
            evicted = checkReplacement(entry, conflicts, ancestors);
        }
        if (mode.checkCluster()) {
            checkClusterLimits(parents, evicted, weight);
        }
        if (!conflicts.isEmpty()) {
            checkDiagram(entry, weight, evicted, parents);
        }
        return new Checked(entry, spent, parents, evicted, weight, nextHeight);
    }

    /** Core's CheckFeeRate: the mempool's rising minimum (unless bypassed) and the minimum relay fee. */
    private void checkFeeFloors(long fee, long vsize, boolean bypassLimits) throws ValidationException {
        long mempoolFee = bypassLimits ? 0 : rollingMinFee.current(chain.now(), usage, maxBytes) * vsize / 1000;
        if (mempoolFee > 0 && fee < mempoolFee) {
            throw new ValidationException("mempool min fee not met", fee + " < " + mempoolFee);
        }
        long minFee = MIN_RELAY_FEE_PER_KVB * vsize / 1000;
        if (fee < minFee) {
            throw new ValidationException("min relay fee not met", fee + " < " + minFee);
        }
    }

    /** Core's PolicyScriptChecks and ConsensusScriptChecks in one pass with the union of the flags. */
    private void scriptChecks(Checked c) throws ValidationException {
        int consensus = ScriptChecks.consensusFlags(chain.params(), c.nextHeight());
        chain.verifyScripts(c.tx(), c.spent(), consensus | ScriptFlags.STANDARD_EXTRA);
    }

    /**
     * Core's Finalize: evicts what the transaction replaces, adds it, tells listeners, and with
     * {@code trim} trims to -maxmempool; {@code forEstimates}: the fee estimator may learn from it.
     */
    private Entry commit(Checked c, boolean trim, boolean forEstimates) throws ValidationException {
        for (Hash256 h : c.evicted()) {
            removeOne(h);
        }
        Transaction tx = c.tx();
        stage(c);
        // Core counts only transactions without mempool parents that did not skip the fee floor.
        feeEstimator.transactionAdded(tx.txid(), c.entry().height(), c.entry().fee(), c.entry().vsize(),
                forEstimates && c.parents().isEmpty());
        addedListeners.forEach(l -> l.accept(tx));
        if (trim) {
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
     * Core v31's TrimToSize: while over the limit, the chunk with the lowest feerate of all
     * clusters leaves (the last of its cluster, so nothing else depends on it), and the minimum
     * fee rises above that chunk's rate.
     */
    private void trimToSize() {
        while (usage > maxBytes && !entries.isEmpty()) {
            List<Chunk> all = chunks();
            Chunk worst = all.get(all.size() - 1);
            rollingMinFee.packageRemoved(worst.fee() * 1000 / worst.vsize());
            for (Entry e : worst.entries()) {
                removeWithDescendants(e.tx().txid());
            }
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

    /**
     * Core v31's replacement rules before the diagram: no spending of what it replaces, direct
     * conflicts in at most 100 clusters, at least the replaced fees (rule 3), and more by the
     * incremental relay fee for its own size (rule 4). Returns every transaction it evicts.
     */
    private Set<Hash256> checkReplacement(Entry replacement, Set<Hash256> conflicts, Set<Hash256> ancestors)
            throws ValidationException {
        Hash256 txid = replacement.tx().txid();
        for (Hash256 c : conflicts) {
            if (ancestors.contains(c)) {
                throw new ValidationException("bad-txns-spends-conflicting-tx", txid + " spends conflicting transaction "
                        + c);
            }
        }
        Set<Hash256> seen = new HashSet<>();
        int clusters = 0;
        for (Hash256 c : conflicts) {
            if (!seen.contains(c)) {
                clusters++;
                seen.addAll(clusterOf(c));
            }
        }
        if (clusters > MAX_REPLACEMENT_CLUSTERS) {
            throw new ValidationException("too many potential replacements", "rejecting replacement " + txid
                    + "; too many conflicting clusters (" + clusters + " > " + MAX_REPLACEMENT_CLUSTERS + ")");
        }
        Set<Hash256> evicted = new HashSet<>();
        for (Hash256 c : conflicts) {
            evicted.add(c);
            evicted.addAll(descendants(c));
        }
        long oldFees = 0;
        for (Hash256 h : evicted) {
            oldFees += entries.get(h).fee();
        }
        long fee = replacement.fee();
        if (fee < oldFees) {
            throw new ValidationException("insufficient fee", "rejecting replacement " + txid
                    + ", less fees than conflicting txs; " + money(fee) + " < " + money(oldFees));
        }
        long relay = INCREMENTAL_RELAY_FEE_PER_KVB * replacement.vsize() / 1000;
        if (fee - oldFees < relay) {
            throw new ValidationException("insufficient fee", "rejecting replacement " + txid
                    + ", not enough additional fees to relay; " + money(fee - oldFees) + " < " + money(relay));
        }
        return evicted;
    }

    /**
     * Core v31's ImprovesFeerateDiagram: the clusters the replacement touches (those of what it
     * evicts and of its parents), chunked before and after, must give a strictly better diagram.
     */
    private void checkDiagram(Entry replacement, long weight, Set<Hash256> evicted, Set<Hash256> parents)
            throws ValidationException {
        Set<Hash256> touched = new HashSet<>();
        for (Set<Hash256> roots : List.of(evicted, parents)) {
            for (Hash256 h : roots) {
                if (!touched.contains(h)) {
                    touched.addAll(clusterOf(h));
                }
            }
        }
        List<GraphTx> before = new ArrayList<>();
        List<GraphTx> after = new ArrayList<>();
        for (Hash256 h : entries.keySet()) {
            if (touched.contains(h)) {
                GraphTx g = graphTx(entries.get(h));
                before.add(g);
                if (!evicted.contains(h)) {
                    after.add(g);
                }
            }
        }
        after.add(new GraphTx(replacement.tx(), replacement.fee(), (weight + 3) / 4));
        FeerateDiagram old = new FeerateDiagram(graphOf(before).chunks());
        if (!new FeerateDiagram(graphOf(after).chunks()).strictlyBetterThan(old)) {
            throw new ValidationException("replacement-failed", "insufficient feerate: does not improve feerate diagram");
        }
    }

    /** Core's FormatMoney: BTC with at least two decimals, trailing zeros dropped. */
    static String money(long sats) {
        String s = java.math.BigDecimal.valueOf(sats, 8).toPlainString();
        int end = s.length();
        while (s.charAt(end - 1) == '0' && s.charAt(end - 3) != '.') {
            end--;
        }
        return s.substring(0, end);
    }

    /** A transaction as the linearizer sees it: fee and sigop-adjusted virtual size. */
    private record GraphTx(Transaction tx, long fee, long vsize) {
    }

    private GraphTx graphTx(Entry e) {
        return new GraphTx(e.tx(), e.fee(), (adjustedWeight.get(e.tx().txid()) + 3) / 4);
    }

    /** The graph of {@code txs} (parent links among them) ready to chunk. */
    private static Linearizer graphOf(List<GraphTx> txs) {
        Map<Hash256, Integer> index = new HashMap<>();
        for (int i = 0; i < txs.size(); i++) {
            index.put(txs.get(i).tx().txid(), i);
        }
        long[] fee = new long[txs.size()];
        long[] size = new long[txs.size()];
        int[][] parents = new int[txs.size()][];
        for (int i = 0; i < txs.size(); i++) {
            fee[i] = txs.get(i).fee();
            size[i] = txs.get(i).vsize();
            parents[i] = txs.get(i).tx().inputs().stream().map(in -> index.get(in.prevout().txid()))
                    .filter(java.util.Objects::nonNull).distinct().mapToInt(Integer::intValue).toArray();
        }
        return new Linearizer(fee, size, parents);
    }

    /** A chunk of a linearized mempool cluster: its transactions parents first, and which cluster it is of. */
    public record Chunk(List<Entry> entries, long fee, long vsize, int cluster) {
    }

    /**
     * Every mempool cluster linearized and chunked (Core v31's TxGraph), all chunks highest
     * feerate first: the order block templates take them in and the reverse of eviction's.
     */
    public List<Chunk> chunks() {
        synchronized (chain) {
            List<Entry> all = new ArrayList<>(entries.values());
            List<GraphTx> txs = all.stream().map(this::graphTx).toList();
            Linearizer lin = graphOf(txs);
            int[] clusterOf = new int[all.size()];
            List<int[]> components = lin.components();
            for (int c = 0; c < components.size(); c++) {
                for (int i : components.get(c)) {
                    clusterOf[i] = c;
                }
            }
            List<Chunk> out = new ArrayList<>();
            for (Linearizer.Chunk ch : lin.chunks()) {
                List<Entry> members = ch.members().stream().map(all::get).toList();
                out.add(new Chunk(members, ch.fee(), ch.size(), clusterOf[ch.members().get(0)]));
            }
            return out;
        }
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

    /** Mempool transactions in chunk order (see {@link #chunks()}), parents before children. */
    public List<Entry> blockCandidates() {
        return chunks().stream().flatMap(c -> c.entries().stream()).toList();
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

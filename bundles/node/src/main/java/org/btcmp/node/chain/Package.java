package org.btcmp.node.chain;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;

/** Core's package rules (policy/packages) and what validating a package answers. */
public final class Package {
    /** Core's MAX_PACKAGE_COUNT. */
    public static final int MAX_COUNT = 25;
    /** Core's MAX_PACKAGE_WEIGHT: 101 kvB. */
    public static final long MAX_WEIGHT = 404_000;

    private Package() {
    }

    /**
     * The outcome for the whole package and each transaction validated, by wtxid, and the txids
     * a submission replaced. A package-wide policy verdict ({@code packageError}) leaves
     * {@code results} empty; in a test, a transaction failing stops validation, so the
     * transactions after it (and, when its early checks failed, the ones before) have no
     * result. A submission also reports "transaction failed" as its package error.
     */
    public record Result(String packageError, Map<Hash256, TxResult> results, List<Hash256> replaced) {
        public Result(String packageError, Map<Hash256, TxResult> results) {
            this(packageError, results, List.of());
        }
    }

    /**
     * One transaction's verdict: its entry if accepted (or already in the mempool), else why not;
     * the effective feerate is its own, or its package's when it entered with a package.
     */
    public record TxResult(Mempool.Entry entry, ValidationException failure, long effectiveFee, long effectiveVsize,
            List<Hash256> effectiveIncludes, boolean alreadyInMempool) {
        public static TxResult accepted(Mempool.Entry e) {
            return new TxResult(e, null, e.fee(), e.vsize(), List.of(e.tx().wtxid()), false);
        }

        public static TxResult failed(ValidationException e) {
            return new TxResult(null, e, 0, 0, List.of(), false);
        }

        public static TxResult inMempool(Mempool.Entry e) {
            return new TxResult(e, null, e.fee(), e.vsize(), List.of(e.tx().wtxid()), true);
        }

        public boolean accepted() {
            return failure == null;
        }
    }

    /**
     * Core's IsChildWithParents: the last transaction spends an output of every other one (more
     * than one transaction). Core's submitpackage also wants the parents independent
     * ({@link #parentsIndependent}).
     */
    public static boolean isChildWithParents(List<Transaction> txs) {
        Transaction child = txs.get(txs.size() - 1);
        Set<Hash256> spent = new HashSet<>();
        child.inputs().forEach(in -> spent.add(in.prevout().txid()));
        return txs.subList(0, txs.size() - 1).stream().allMatch(p -> spent.contains(p.txid()));
    }

    /** Core's IsChildWithParentsTree's extra rule: no parent spends another parent. */
    public static boolean parentsIndependent(List<Transaction> txs) {
        Set<Hash256> parents = new HashSet<>();
        txs.subList(0, txs.size() - 1).forEach(p -> parents.add(p.txid()));
        return txs.subList(0, txs.size() - 1).stream()
                .allMatch(p -> p.inputs().stream().noneMatch(in -> parents.contains(in.prevout().txid())));
    }

    /**
     * Core's IsWellFormedPackage: at most 25 transactions and 404 000 weight units, no duplicates,
     * parents before children, and no two transactions spending the same output. Returns the
     * reason the package is refused, or null.
     */
    public static String wellFormedError(List<Transaction> txs) {
        if (txs.size() > MAX_COUNT) {
            return "package-too-many-transactions";
        }
        long weight = txs.stream().mapToLong(Transaction::weight).sum();
        if (txs.size() > 1 && weight > MAX_WEIGHT) {
            return "package-too-large";
        }
        Set<Hash256> later = new HashSet<>();
        for (Transaction tx : txs) {
            if (!later.add(tx.txid())) {
                return "package-contains-duplicates";
            }
        }
        for (Transaction tx : txs) {
            for (TxIn in : tx.inputs()) {
                if (later.contains(in.prevout().txid())) {
                    return "package-not-sorted";
                }
            }
            later.remove(tx.txid());
        }
        Set<OutPoint> spent = new HashSet<>();
        for (Transaction tx : txs) {
            if (tx.inputs().isEmpty()) {
                return "conflict-in-package";
            }
            for (TxIn in : tx.inputs()) {
                if (spent.contains(in.prevout())) {
                    return "conflict-in-package";
                }
            }
            tx.inputs().forEach(in -> spent.add(in.prevout()));
        }
        return null;
    }
}

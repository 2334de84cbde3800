package org.btcmp.node.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;

/**
 * Transactions whose parents are missing (Core's TxOrphanage): held until a parent arrives, at most
 * {@value #MAX_ORPHANS} (a random one goes when full), each for {@link #EXPIRE_NANOS}, and dropped with the peer
 * that sent them. Not thread-safe: the owner serializes calls.
 */
final class Orphanage {
    /** Core's DEFAULT_MAX_ORPHAN_TRANSACTIONS. */
    static final int MAX_ORPHANS = 100;
    /** Core's ORPHAN_TX_EXPIRE_TIME: 20 minutes. */
    static final long EXPIRE_NANOS = 20L * 60 * 1_000_000_000;
    /** Core skips orphans heavier than MAX_STANDARD_TX_WEIGHT. */
    static final int MAX_WEIGHT = 400_000;

    record Orphan(Transaction tx, long peer, long expires) {
    }

    private final Map<Hash256, Orphan> byWtxid = new HashMap<>();
    private final Map<OutPoint, Set<Hash256>> bySpent = new HashMap<>();
    private final Map<Hash256, Hash256> wtxidOfTxid = new HashMap<>();

    /** Holds {@code tx}; false when it is already held or too heavy. */
    boolean add(Transaction tx, long peer, long now) {
        Hash256 wtxid = tx.wtxid();
        if (byWtxid.containsKey(wtxid) || tx.weight() > MAX_WEIGHT) {
            return false;
        }
        expire(now);
        if (byWtxid.size() >= MAX_ORPHANS) {
            List<Hash256> all = new ArrayList<>(byWtxid.keySet());
            remove(all.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(all.size())));
        }
        byWtxid.put(wtxid, new Orphan(tx, peer, now + EXPIRE_NANOS));
        wtxidOfTxid.put(tx.txid(), wtxid);
        for (TxIn in : tx.inputs()) {
            bySpent.computeIfAbsent(in.prevout(), k -> new HashSet<>()).add(wtxid);
        }
        return true;
    }

    /** Whether a transaction with this txid or wtxid is held. */
    boolean contains(Hash256 hash) {
        return byWtxid.containsKey(hash) || wtxidOfTxid.containsKey(hash);
    }

    int size() {
        return byWtxid.size();
    }

    /** Orphans spending an output of {@code parent}. */
    List<Transaction> childrenOf(Transaction parent) {
        List<Transaction> out = new ArrayList<>();
        for (int i = 0; i < parent.outputs().size(); i++) {
            for (Hash256 w : bySpent.getOrDefault(new OutPoint(parent.txid(), i), Set.of())) {
                Orphan o = byWtxid.get(w);
                if (o != null && !out.contains(o.tx())) {
                    out.add(o.tx());
                }
            }
        }
        return out;
    }

    void remove(Hash256 wtxid) {
        Orphan o = byWtxid.remove(wtxid);
        if (o == null) {
            return;
        }
        wtxidOfTxid.remove(o.tx().txid());
        for (TxIn in : o.tx().inputs()) {
            Set<Hash256> s = bySpent.get(in.prevout());
            if (s != null) {
                s.remove(wtxid);
                if (s.isEmpty()) {
                    bySpent.remove(in.prevout());
                }
            }
        }
    }

    /** Core's EraseForPeer: a disconnected peer's orphans go with it. */
    void removeForPeer(long peer) {
        for (Hash256 w : byWtxid.entrySet().stream().filter(e -> e.getValue().peer() == peer)
                .map(Map.Entry::getKey).toList()) {
            remove(w);
        }
    }

    void expire(long now) {
        for (Iterator<Map.Entry<Hash256, Orphan>> it = byWtxid.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Hash256, Orphan> e = it.next();
            if (e.getValue().expires() - now < 0) {
                it.remove();
                Hash256 w = e.getKey();
                wtxidOfTxid.remove(e.getValue().tx().txid());
                for (TxIn in : e.getValue().tx().inputs()) {
                    Set<Hash256> s = bySpent.get(in.prevout());
                    if (s != null) {
                        s.remove(w);
                        if (s.isEmpty()) {
                            bySpent.remove(in.prevout());
                        }
                    }
                }
            }
        }
    }
}

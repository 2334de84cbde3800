package org.btcmp.node.chain;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;

/** Changes to the UTXO set staged over a base lookup, applied only when a whole block validated. */
final class UtxoView {
    private final Function<OutPoint, Coin> base;
    private final Predicate<Hash256> baseHasAnyOf;
    final Map<OutPoint, Coin> added = new LinkedHashMap<>();
    final Set<OutPoint> spent = new HashSet<>();

    /** {@code baseHasAnyOf} answers whether the base may hold any output of a txid (false = certainly none). */
    UtxoView(Function<OutPoint, Coin> base, Predicate<Hash256> baseHasAnyOf) {
        this.base = base;
        this.baseHasAnyOf = baseHasAnyOf;
    }

    /**
     * BIP30: whether adding {@code tx}'s outputs would overwrite an unspent coin. One question to
     * the base covers all outputs in the usual case (no coin of that txid at all).
     */
    boolean wouldOverwrite(Transaction tx) {
        for (int i = 0; i < tx.outputs().size(); i++) {
            if (added.containsKey(new OutPoint(tx.txid(), i))) {
                return true;
            }
        }
        if (!baseHasAnyOf.test(tx.txid())) {
            return false;
        }
        for (int i = 0; i < tx.outputs().size(); i++) {
            if (get(new OutPoint(tx.txid(), i)) != null) {
                return true;
            }
        }
        return false;
    }

    Coin get(OutPoint o) {
        Coin c = added.get(o);
        if (c != null) {
            return c;
        }
        return spent.contains(o) ? null : base.apply(o);
    }

    Coin spend(OutPoint o) {
        Coin c = get(o);
        if (c != null) {
            if (added.remove(o) == null) {
                spent.add(o);
            }
        }
        return c;
    }

    void add(OutPoint o, Coin c) {
        added.put(o, c);
    }

    /** Adds the staged changes to {@code batch}; the cache takes them only once the batch committed. */
    void flushTo(ChainDb.Batch batch) {
        for (OutPoint o : spent) {
            batch.remove(o);
        }
        for (Map.Entry<OutPoint, Coin> e : added.entrySet()) {
            batch.add(e.getKey(), e.getValue());
        }
    }
}

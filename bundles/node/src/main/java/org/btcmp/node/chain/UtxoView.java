package org.btcmp.node.chain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.btcmp.primitives.OutPoint;

/** Changes to the UTXO set staged over a base map, applied only when a whole block validated. */
final class UtxoView {
    private final Map<OutPoint, Coin> base;
    final Map<OutPoint, Coin> added = new LinkedHashMap<>();
    final Set<OutPoint> spent = new HashSet<>();

    UtxoView(Map<OutPoint, Coin> base) {
        this.base = base;
    }

    Coin get(OutPoint o) {
        Coin c = added.get(o);
        if (c != null) {
            return c;
        }
        return spent.contains(o) ? null : base.get(o);
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

    /** Writes the staged changes into the base map and into {@code batch}. */
    void flushTo(Map<OutPoint, Coin> target, ChainDb.Batch batch) {
        for (OutPoint o : spent) {
            target.remove(o);
            batch.remove(o);
        }
        for (Map.Entry<OutPoint, Coin> e : added.entrySet()) {
            target.put(e.getKey(), e.getValue());
            batch.add(e.getKey(), e.getValue());
        }
    }

    static Map<OutPoint, Coin> newMap() {
        return new HashMap<>();
    }
}

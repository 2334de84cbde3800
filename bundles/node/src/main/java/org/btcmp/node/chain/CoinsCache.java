package org.btcmp.node.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;

/**
 * The UTXO set as the chain state sees it: the coins live in the chain database and a bounded
 * least-recently-used cache keeps the hot ones in memory (Core's CCoinsViewCache sized by
 * -dbcache). Every change reaches the database in the block's own commit before it enters the
 * cache, so the cache only ever holds copies of committed coins and may drop any of them.
 */
final class CoinsCache {
    /** Rough heap cost of one cached coin beyond its script: map entry, key, record and boxed fields. */
    static final int ENTRY_OVERHEAD = 200;

    private final ChainDb db;
    private final long budgetBytes;
    private final LinkedHashMap<OutPoint, Coin> cache = new LinkedHashMap<>(1024, 0.75f, true);
    private long usage;

    CoinsCache(ChainDb db, long budgetBytes) {
        this.db = db;
        this.budgetBytes = budgetBytes;
    }

    static long cost(Coin c) {
        return ENTRY_OVERHEAD + c.output().scriptPubKey().length();
    }

    /** The unspent coin at {@code o}, or null; a database read failure is fatal to the caller. */
    Coin get(OutPoint o) {
        Coin c = cache.get(o);
        if (c != null) {
            return c;
        }
        try {
            c = db.readCoin(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (c != null) {
            put(o, c);
        }
        return c;
    }

    /** Whether any output of {@code txid} is unspent in the database (one range query). */
    boolean mayHaveAnyOf(Hash256 txid) {
        try {
            return db.hasAnyCoinOf(txid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies a committed block's changes to the cached copies. */
    void applyCommitted(UtxoView view) {
        for (OutPoint o : view.spent) {
            Coin old = cache.remove(o);
            if (old != null) {
                usage -= cost(old);
            }
        }
        for (Map.Entry<OutPoint, Coin> e : view.added.entrySet()) {
            put(e.getKey(), e.getValue());
        }
    }

    private void put(OutPoint o, Coin c) {
        Coin old = cache.put(o, c);
        if (old != null) {
            usage -= cost(old);
        }
        usage += cost(c);
        Iterator<Coin> it = cache.values().iterator();
        while (usage > budgetBytes && it.hasNext()) {
            usage -= cost(it.next());
            it.remove();
        }
    }

    /** Coins held in memory now. */
    int cachedCount() {
        return cache.size();
    }

    /** Estimated heap bytes of the cached coins; never above the budget after a call returns. */
    long usage() {
        return usage;
    }

    long budget() {
        return budgetBytes;
    }
}

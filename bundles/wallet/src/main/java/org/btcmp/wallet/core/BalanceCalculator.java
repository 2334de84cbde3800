package org.btcmp.wallet.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.wallet.store.SyncRecords;
import org.btcmp.wallet.store.TxRecords;

/** Core's balance rules (CachedTxIsTrusted, coinbase maturity) over the wallet's unspent outputs. */
final class BalanceCalculator {
    /** Blocks a coinbase output must wait before it can be spent (Core's COINBASE_MATURITY). */
    static final int COINBASE_MATURITY = 100;

    private final Connection c;
    private final int tipHeight;
    private final Map<String, TxRecords.Tx> txs = new HashMap<>();
    private final Map<String, Boolean> trusted = new HashMap<>();
    private final Map<String, Integer> conflictHeights = new HashMap<>(); // conflicting block -> its height

    private BalanceCalculator(Connection c) throws SQLException {
        this.c = c;
        this.tipHeight = SyncRecords.tip(c).map(b -> b.height()).orElse(-1);
        for (TxRecords.Tx tx : TxRecords.all(c)) {
            txs.put(tx.txid(), tx);
            if (tx.conflicted() && !conflictHeights.containsKey(tx.conflictBlock().get())) {
                conflictHeights.put(tx.conflictBlock().get(),
                        SyncRecords.heightOf(c, tx.conflictBlock().get()).orElse(tipHeight));
            }
        }
    }

    /** A calculator over the wallet's state in {@code c}'s transaction (depth and trust of single transactions). */
    static BalanceCalculator of(Connection c) throws SQLException {
        return new BalanceCalculator(c);
    }

    static Balances balances(Connection c) throws SQLException {
        return balances(c, Set.of());
    }

    /** Core's balances over the coins whose script (hex) is not in {@code excluded}. */
    static Balances balances(Connection c, Set<String> excluded) throws SQLException {
        BalanceCalculator calc = new BalanceCalculator(c);
        long trustedSum = 0;
        long pending = 0;
        long immature = 0;
        for (TxRecords.Output o : TxRecords.unspent(c)) {
            if (excluded.contains(HexFormat.of().formatHex(o.script()))) {
                continue;
            }
            switch (calc.classify(o)) {
                case TRUSTED -> trustedSum += o.value();
                case UNTRUSTED_PENDING -> pending += o.value();
                case IMMATURE -> immature += o.value();
                case NONE -> { }
            }
        }
        return new Balances(trustedSum, pending, immature);
    }

    /**
     * The wallet's scripts (hex) that a wallet transaction spent a coin from: Core's "used" addresses,
     * whose other coins avoid_reuse keeps out of sends and balances.
     */
    static Set<String> dirtyScripts(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        for (byte[] script : TxRecords.spentFromScripts(c)) {
            out.add(HexFormat.of().formatHex(script));
        }
        return out;
    }

    /**
     * Core's AvailableCoins for coin selection: mature coins with {@code minDepth} to {@code maxDepth}
     * confirmations, confirmed or in the mempool, and safe (trusted) unless {@code includeUnsafe}.
     */
    static List<TxRecords.Output> available(Connection c, int minDepth, int maxDepth, boolean includeUnsafe)
            throws SQLException {
        BalanceCalculator calc = new BalanceCalculator(c);
        Set<String> replacing = org.btcmp.wallet.store.TxValueRecords.withAnyOf(c, "replaces_txid", "replaced_by_txid");
        List<TxRecords.Output> out = new ArrayList<>();
        for (TxRecords.Output o : TxRecords.unspent(c)) {
            Kind kind = calc.classify(o);
            int depth = calc.depth(calc.txs.get(o.txid()));
            // Core: an unconfirmed replacement, or a replaced transaction, is not safe to spend from either
            boolean safe = kind == Kind.TRUSTED && !(depth == 0 && replacing.contains(o.txid()));
            boolean eligible = safe || (includeUnsafe && (kind == Kind.TRUSTED || kind == Kind.UNTRUSTED_PENDING));
            if (eligible && depth >= minDepth && depth <= maxDepth) {
                out.add(o);
            }
        }
        return out;
    }

    /**
     * Core's listunspent: coins with {@code minConf} to {@code maxConf} confirmations that are spendable
     * now or pending in the mempool; immature coinbases and conflicted transactions are left out.
     */
    static List<UnspentCoin> listUnspent(Connection c, int minConf, int maxConf) throws SQLException {
        BalanceCalculator calc = new BalanceCalculator(c);
        List<UnspentCoin> out = new ArrayList<>();
        for (TxRecords.Output o : TxRecords.unspent(c)) {
            Kind kind = calc.classify(o);
            int depth = calc.depth(calc.txs.get(o.txid()));
            if ((kind == Kind.TRUSTED || kind == Kind.UNTRUSTED_PENDING) && depth >= minConf && depth <= maxConf) {
                out.add(new UnspentCoin(o.txid(), o.vout(), o.script(), o.value(), depth, kind == Kind.TRUSTED));
            }
        }
        return out;
    }

    private enum Kind { TRUSTED, UNTRUSTED_PENDING, IMMATURE, NONE }

    private Kind classify(TxRecords.Output o) throws SQLException {
        TxRecords.Tx tx = txs.get(o.txid());
        int depth = depth(tx);
        if (tx.coinbase()) {
            if (depth > COINBASE_MATURITY) {
                return Kind.TRUSTED;
            }
            return depth > 0 ? Kind.IMMATURE : Kind.NONE; // a coinbase out of the active chain counts nowhere
        }
        if (isTrusted(tx)) {
            return Kind.TRUSTED;
        }
        return depth == 0 && tx.inMempool() ? Kind.UNTRUSTED_PENDING : Kind.NONE;
    }

    /**
     * Confirmations on the wallet's view of the chain; 0 unconfirmed; when conflicted, minus the
     * confirmations of the block holding the conflicting transaction (Core's GetTxDepthInMainChain).
     */
    int depth(TxRecords.Tx tx) {
        if (tx.conflicted()) {
            return -(tipHeight - conflictHeights.get(tx.conflictBlock().get()) + 1);
        }
        return tx.blockHeight().map(h -> tipHeight - h + 1).orElse(0);
    }

    /** Confirmed, or in the mempool spending only the wallet's own trusted outputs (its change). */
    boolean isTrusted(TxRecords.Tx tx) throws SQLException {
        Boolean known = trusted.get(tx.txid());
        if (known != null) {
            return known;
        }
        boolean result = decideTrusted(tx);
        trusted.put(tx.txid(), result);
        return result;
    }

    private boolean decideTrusted(TxRecords.Tx tx) throws SQLException {
        int depth = depth(tx);
        if (depth != 0) {
            return depth > 0;
        }
        if (!tx.inMempool() || tx.coinbase()) {
            return false;
        }
        for (TxIn in : Transaction.fromBytes(tx.raw()).inputs()) {
            String parentId = in.prevout().txid().toString();
            TxRecords.Tx parent = txs.get(parentId);
            if (parent == null || TxRecords.output(c, parentId, (int) in.prevout().index()).isEmpty()
                    || !isTrusted(parent)) {
                return false;
            }
        }
        return true;
    }
}

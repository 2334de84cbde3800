package org.btcmp.wallet.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
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

    private BalanceCalculator(Connection c) throws SQLException {
        this.c = c;
        this.tipHeight = SyncRecords.tip(c).map(b -> b.height()).orElse(-1);
        for (TxRecords.Tx tx : TxRecords.all(c)) {
            txs.put(tx.txid(), tx);
        }
    }

    static Balances balances(Connection c) throws SQLException {
        BalanceCalculator calc = new BalanceCalculator(c);
        long trustedSum = 0;
        long pending = 0;
        long immature = 0;
        for (TxRecords.Output o : TxRecords.unspent(c)) {
            TxRecords.Tx tx = calc.txs.get(o.txid());
            int depth = calc.depth(tx);
            if (tx.coinbase()) {
                if (depth > COINBASE_MATURITY) {
                    trustedSum += o.value();
                } else if (depth > 0) {
                    immature += o.value(); // a coinbase out of the active chain counts nowhere
                }
            } else if (calc.isTrusted(tx)) {
                trustedSum += o.value();
            } else if (depth == 0 && tx.inMempool()) {
                pending += o.value();
            }
        }
        return new Balances(trustedSum, pending, immature);
    }

    /** Confirmations on the wallet's view of the chain; 0 unconfirmed, -1 conflicted. */
    int depth(TxRecords.Tx tx) {
        if (tx.conflicted()) {
            return -1;
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

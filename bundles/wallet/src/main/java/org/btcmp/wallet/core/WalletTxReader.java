package org.btcmp.wallet.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.btcmp.wallet.store.TxRecords;

/** Reads wallet transactions into {@link WalletTx} views inside one wallet-file transaction. */
final class WalletTxReader {
    private WalletTxReader() {
    }

    static List<WalletTx> all(Connection c) throws SQLException {
        BalanceCalculator calc = BalanceCalculator.of(c);
        List<WalletTx> out = new ArrayList<>();
        for (TxRecords.Tx tx : TxRecords.all(c)) {
            out.add(view(c, calc, tx));
        }
        return out;
    }

    static Optional<WalletTx> find(Connection c, String txid) throws SQLException {
        Optional<TxRecords.Tx> tx = TxRecords.find(c, txid);
        return tx.isEmpty() ? Optional.empty() : Optional.of(view(c, BalanceCalculator.of(c), tx.get()));
    }

    private static WalletTx view(Connection c, BalanceCalculator calc, TxRecords.Tx tx) throws SQLException {
        Transaction t = Transaction.fromBytes(tx.raw());
        long debit = 0;
        java.util.TreeSet<String> conflicts = new java.util.TreeSet<>();
        if (!t.isCoinbase()) {
            for (TxIn in : t.inputs()) {
                conflicts.addAll(TxRecords.spenders(c, in.prevout().txid().toString(), (int) in.prevout().index()));
                Optional<TxRecords.Output> spent = TxRecords.output(c, in.prevout().txid().toString(), (int) in.prevout().index());
                debit += spent.map(TxRecords.Output::value).orElse(0L);
            }
        }
        long credit = 0;
        long valueOut = 0;
        List<WalletTx.Output> outputs = new ArrayList<>();
        for (int i = 0; i < t.outputs().size(); i++) {
            TxOut o = t.outputs().get(i);
            Optional<TxRecords.Output> mine = TxRecords.output(c, tx.txid(), i);
            valueOut += o.value();
            credit += mine.map(TxRecords.Output::value).orElse(0L);
            outputs.add(new WalletTx.Output(i, o.value(), o.scriptPubKey().bytes(), mine.isPresent(),
                    mine.map(TxRecords.Output::change).orElse(false)));
        }
        return new WalletTx(tx.txid(), t.wtxid().toString(), tx.raw(), tx.coinbase(), tx.blockHash(), tx.blockHeight(),
                calc.depth(tx), tx.inMempool(), calc.isTrusted(tx), tx.received(), debit, credit, valueOut, outputs,
                tx.abandoned(), conflicts.stream().filter(other -> !other.equals(tx.txid())).toList());
    }
}

package org.btcmp.wallet.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.btcmp.interfaces.BlockRef;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.btcmp.wallet.store.TxRecords;

/**
 * Decides whether a transaction concerns the wallet (pays one of its scripts or spends one of its
 * outputs, Core's IsMine/IsFromMe) and records it with its outputs, spends and confirmation. A
 * confirmed transaction that spends an outpoint another wallet transaction spent makes that one conflicted.
 */
final class TransactionRecorder {
    private final DescriptorWallet wallet;

    TransactionRecorder(DescriptorWallet wallet) {
        this.wallet = wallet;
    }

    /** Returns whether the transaction is (now) a wallet transaction. */
    boolean record(Connection c, Transaction tx, Optional<BlockRef> block, boolean inMempool) throws SQLException {
        String txid = tx.txid().toString();
        List<TxRecords.Output> mine = new ArrayList<>();
        for (int i = 0; i < tx.outputs().size(); i++) {
            TxOut out = tx.outputs().get(i);
            Optional<Boolean> internal = wallet.recordUse(c, out.scriptPubKey().bytes());
            if (internal.isPresent()) {
                mine.add(new TxRecords.Output(txid, i, out.value(), out.scriptPubKey().bytes(), internal.get()));
            }
        }
        boolean fromMe = false;
        if (!tx.isCoinbase()) {
            for (TxIn in : tx.inputs()) {
                fromMe |= TxRecords.output(c, in.prevout().txid().toString(), (int) in.prevout().index()).isPresent();
            }
        }
        if (block.isPresent() && !tx.isCoinbase()) {
            markConflicts(c, tx, txid, block.get());
        }
        boolean known = TxRecords.find(c, txid).isPresent();
        if (!known && mine.isEmpty() && !fromMe) {
            return false;
        }
        if (!known) {
            TxRecords.insert(c, txid, tx.toBytes(), tx.isCoinbase(), inMempool,
                    wallet.options().clock().instant().getEpochSecond());
        }
        for (TxRecords.Output o : mine) {
            TxRecords.addOutput(c, o);
        }
        if (!tx.isCoinbase()) {
            // every input, not only the wallet's: a payment received is conflicted by a block
            // transaction that spends the same coin of the payer's (as Core's mapTxSpends)
            for (TxIn in : tx.inputs()) {
                TxRecords.addSpend(c, in.prevout().txid().toString(), (int) in.prevout().index(), txid);
            }
        }
        if (block.isPresent()) {
            TxRecords.confirm(c, txid, block.get().hash(), block.get().height());
        }
        TxRecords.setInMempool(c, txid, inMempool);
        return true;
    }

    /** Marks the wallet transactions that spend any of a block transaction's outpoints as conflicted. */
    private static void markConflicts(Connection c, Transaction tx, String txid, BlockRef block) throws SQLException {
        for (TxIn in : tx.inputs()) {
            for (String other : TxRecords.spenders(c, in.prevout().txid().toString(), (int) in.prevout().index())) {
                if (!other.equals(txid)) {
                    TxRecords.markConflicted(c, other, block.hash());
                }
            }
        }
    }
}

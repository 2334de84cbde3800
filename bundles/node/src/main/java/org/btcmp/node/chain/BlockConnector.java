package org.btcmp.node.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;

/** Applies a block to a UTXO view with every input rule (Core's ConnectBlock), and undoes it. */
final class BlockConnector {
    private final ChainParams params;
    private final ScriptChecks scripts;

    BlockConnector(ChainParams params, ScriptChecks scripts) {
        this.params = params;
        this.scripts = scripts;
    }

    BlockUndo connect(Block block, BlockIndex b, UtxoView view) throws ValidationException {
        int height = b.height;
        int flags = ScriptChecks.consensusFlags(params, height);
        boolean csv = height >= params.csvHeight();
        Map<Integer, Long> mtpCache = new HashMap<>();
        long fees = 0;
        int sigops = 0;
        List<List<Coin>> undo = new ArrayList<>();
        for (Transaction tx : block.transactions()) {
            if (view.wouldOverwrite(tx)) {
                throw new ValidationException("bad-txns-BIP30", "tried to overwrite transaction " + tx.txid());
            }
            List<Coin> spent = new ArrayList<>();
            if (!tx.isCoinbase()) {
                for (TxIn in : tx.inputs()) {
                    spent.add(view.get(in.prevout()));
                }
                fees += TxChecks.checkInputs(tx, spent, height);
                if (fees > ChainParams.MAX_MONEY) {
                    throw new ValidationException("bad-txns-accumulated-fee-outofrange");
                }
                if (csv && !TxChecks.sequenceLocksPass(tx, spent, b.prev, height, mtpCache)) {
                    throw new ValidationException("bad-txns-nonfinal", "contains a non-BIP68-final transaction");
                }
            }
            sigops += Sigops.cost(tx, spent);
            if (sigops > Consensus.MAX_BLOCK_SIGOPS_COST) {
                throw new ValidationException("bad-blk-sigops", "too many sigops");
            }
            if (!tx.isCoinbase()) {
                scripts.verify(tx, spent, flags, "block");
                for (TxIn in : tx.inputs()) {
                    view.spend(in.prevout());
                }
                undo.add(spent);
            }
            for (int i = 0; i < tx.outputs().size(); i++) {
                if (!tx.outputs().get(i).scriptPubKey().isUnspendable()) {
                    view.add(new OutPoint(tx.txid(), i), new Coin(tx.outputs().get(i), height, tx.isCoinbase()));
                }
            }
        }
        long reward = block.transactions().get(0).outputs().stream().mapToLong(o -> o.value()).sum();
        if (reward > fees + params.subsidy(height)) {
            throw new ValidationException("bad-cb-amount", "coinbase pays too much (actual=" + reward
                    + " vs limit=" + (fees + params.subsidy(height)) + ")");
        }
        return new BlockUndo(undo);
    }

    void disconnect(Block block, BlockUndo undo, UtxoView view) {
        List<Transaction> txs = block.transactions();
        for (int t = txs.size() - 1; t >= 0; t--) {
            Transaction tx = txs.get(t);
            for (int i = 0; i < tx.outputs().size(); i++) {
                view.spend(new OutPoint(tx.txid(), i));
            }
            if (t > 0) {
                List<Coin> spent = undo.spent().get(t - 1);
                for (int i = tx.inputs().size() - 1; i >= 0; i--) {
                    view.add(tx.inputs().get(i).prevout(), spent.get(i));
                }
            }
        }
    }
}

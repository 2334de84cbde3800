package org.btcmp.wallet.rpc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.btcmp.interfaces.BlockInfo;
import org.btcmp.interfaces.Chain;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.script.Address;
import org.btcmp.wallet.core.LoadedWallet;
import org.btcmp.wallet.core.WalletTx;

/**
 * Core's JSON for wallet transactions (ListTransactions and WalletTxToJSON): send entries for outputs
 * the wallet paid (change left out), receive entries for outputs paying it, and the transaction's
 * state fields. Block times and positions are read from the node once per block per call.
 */
final class TxEntries {
    private static final long SEQUENCE_FINAL_MINUS_ONE = 0xfffffffeL;

    private final LoadedWallet wallet;
    private final Chain chain;
    private final Map<String, Optional<Block>> blocks = new HashMap<>();
    private final Map<String, Long> blockTimes = new HashMap<>();

    TxEntries(LoadedWallet wallet, Chain chain) {
        this.wallet = wallet;
        this.chain = chain;
    }

    /**
     * The entries of one transaction, sends first. {@code label} keeps only entries with that label
     * (null: all); {@code withTxFields} adds Core's per-transaction fields to each.
     */
    List<Map<String, Object>> entries(WalletTx tx, String label, boolean includeChange, boolean withTxFields) {
        List<Map<String, Object>> out = new ArrayList<>();
        Optional<Long> fee = tx.fee();
        if (tx.fromMe()) {
            for (WalletTx.Output o : tx.outputs()) {
                if (o.mine() && o.change() && !includeChange) {
                    continue;
                }
                Map<String, Object> e = entry(o);
                e.put("category", "send");
                e.put("amount", Amounts.btc(-o.value()));
                putLabel(e);
                e.put("vout", (long) o.vout());
                e.put("fee", Amounts.btc(fee.orElse(0L)));
                e.put("abandoned", tx.abandoned());
                if (keep(e, label)) {
                    finish(e, tx, withTxFields);
                    out.add(e);
                }
            }
        }
        for (WalletTx.Output o : tx.outputs()) {
            if (!o.mine() || (tx.fromMe() && o.change() && !includeChange)) {
                continue;
            }
            Map<String, Object> e = entry(o);
            e.put("category", category(tx));
            e.put("amount", Amounts.btc(o.value()));
            putLabel(e);
            e.put("vout", (long) o.vout());
            if (keep(e, label)) {
                finish(e, tx, withTxFields);
                out.add(e);
            }
        }
        return out;
    }

    /** Core's WalletTxToJSON fields, added to {@code e}. */
    void txFields(Map<String, Object> e, WalletTx tx) {
        e.put("confirmations", (long) tx.confirmations());
        if (tx.coinbase()) {
            e.put("generated", true);
        }
        if (tx.blockHash().isPresent() && tx.confirmations() > 0) {
            String hash = tx.blockHash().get();
            e.put("blockhash", hash);
            e.put("blockheight", (long) tx.blockHeight().orElse(-1));
            e.put("blockindex", (long) blockIndex(hash, tx.txid()));
            e.put("blocktime", blockTime(hash));
        } else {
            e.put("trusted", tx.trusted());
        }
        e.put("txid", tx.txid());
        e.put("wtxid", tx.wtxid());
        e.put("walletconflicts", new ArrayList<Object>(tx.conflicts()));
        e.put("mempoolconflicts", new ArrayList<Object>(wallet.sync().mempoolConflicts(tx.txid())));
        e.put("time", tx.timeReceived());
        e.put("timereceived", tx.timeReceived());
        e.put("bip125-replaceable", replaceable(tx));
        e.putAll(wallet.sync().values(tx.txid())); // Core's mapValue, last and sorted by key
    }

    private void finish(Map<String, Object> e, WalletTx tx, boolean withTxFields) {
        if (withTxFields) {
            txFields(e, tx);
        }
    }

    private Map<String, Object> entry(WalletTx.Output o) {
        Map<String, Object> e = new LinkedHashMap<>();
        Address.fromScript(Script.of(o.script()), wallet.params()).ifPresent(a -> e.put("address", a));
        return e;
    }

    private void putLabel(Map<String, Object> e) {
        Object address = e.get("address");
        if (address instanceof String a) {
            wallet.wallet().addressBookEntry(a).ifPresent(book -> e.put("label", book.label()));
        }
    }

    private static boolean keep(Map<String, Object> e, String label) {
        return label == null || label.equals(e.get("label"));
    }

    private static String category(WalletTx tx) {
        if (!tx.coinbase()) {
            return "receive";
        }
        if (tx.confirmations() < 1) {
            return "orphan";
        }
        return tx.confirmations() <= 100 ? "immature" : "generate";
    }

    private static String replaceable(WalletTx tx) {
        if (tx.confirmations() > 0) {
            return "no";
        }
        for (TxIn in : Transaction.fromBytes(tx.raw()).inputs()) {
            if (in.sequence() < SEQUENCE_FINAL_MINUS_ONE) {
                return "yes";
            }
        }
        return tx.inMempool() ? "no" : "unknown";
    }

    private long blockTime(String hash) {
        return blockTimes.computeIfAbsent(hash, h -> chain.findBlock(h, false).map(BlockInfo::time).orElse(0L));
    }

    private int blockIndex(String hash, String txid) {
        Optional<Block> block = blocks.computeIfAbsent(hash, h -> chain.findBlock(h, true).map(b -> Block.fromBytes(b.data())));
        if (block.isEmpty()) {
            return -1;
        }
        List<Transaction> txs = block.get().transactions();
        for (int i = 0; i < txs.size(); i++) {
            if (txs.get(i).txid().toString().equals(txid)) {
                return i;
            }
        }
        return -1;
    }
}

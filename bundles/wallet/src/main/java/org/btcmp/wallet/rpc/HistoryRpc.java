package org.btcmp.wallet.rpc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.btcmp.interfaces.BlockInfo;
import org.btcmp.interfaces.RpcCommand.RpcError;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.script.TxJson;
import org.btcmp.wallet.core.LoadedWallet;
import org.btcmp.wallet.core.WalletTx;

/** Core's history RPCs: gettransaction, listtransactions, listsinceblock, abandontransaction. */
final class HistoryRpc {
    private HistoryRpc() {
    }

    static List<Command> commands() {
        return List.of(
                Command.of("gettransaction", 1, HistoryRpc::getTransaction, "txid", "include_watchonly", "verbose"),
                Command.of("listtransactions", 0, HistoryRpc::listTransactions, "label", "count", "skip",
                        "include_watchonly"),
                Command.of("listsinceblock", 0, HistoryRpc::listSinceBlock, "blockhash", "target_confirmations",
                        "include_watchonly", "include_removed", "include_change", "label"),
                Command.of("abandontransaction", 1, (a, c) -> {
                    c.wallet().abandon(hash(a.str(0), "txid"));
                    return null;
                }, "txid"));
    }

    /** Core's ParseHashV checks of a 64-digit hex id. */
    static String hash(String value, String name) {
        if (value.length() != 64) {
            throw new RpcError(Rpc.INVALID_PARAMETER,
                    name + " must be of length 64 (not " + value.length() + ", for '" + value + "')");
        }
        if (!value.matches("[0-9a-fA-F]{64}")) {
            throw new RpcError(Rpc.INVALID_PARAMETER, name + " must be hexadecimal string (not '" + value + "')");
        }
        return value.toLowerCase();
    }

    private static Object getTransaction(Args a, Call c) {
        LoadedWallet w = c.wallet();
        String txid = hash(a.str(0), "txid");
        a.bool(1, false);
        boolean verbose = a.bool(2, false);
        WalletTx tx = w.transaction(txid).orElseThrow(() -> new RpcError(Rpc.INVALID_ADDRESS_OR_KEY,
                "Invalid or non-wallet transaction id"));
        TxEntries entries = new TxEntries(w, c.chain());
        Map<String, Object> o = new LinkedHashMap<>();
        long fee = tx.fee().orElse(0L);
        o.put("amount", Amounts.btc(tx.credit() - tx.debit() - fee));
        tx.fee().ifPresent(f -> o.put("fee", Amounts.btc(f)));
        entries.txFields(o, tx);
        List<Object> details = new ArrayList<>(entries.entries(tx, null, false, false));
        o.put("details", details);
        o.put("hex", HexFormat.of().formatHex(tx.raw()));
        if (verbose) {
            o.put("decoded", TxJson.decoded(Transaction.fromBytes(tx.raw()), w.params()));
        }
        w.sync().lastBlock().ifPresent(b -> o.put("lastprocessedblock", WalletManagementRpc.block(b)));
        return o;
    }

    private static Object listTransactions(Args a, Call c) {
        LoadedWallet w = c.wallet();
        String label = null;
        if (a.has(0) && !a.str(0).equals("*")) {
            label = AddressRpc.label(a.str(0));
        }
        long count = a.integer(1, 10);
        long skip = a.integer(2, 0);
        a.bool(3, false);
        if (count < 0) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Negative count");
        }
        if (skip < 0) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Negative from");
        }
        TxEntries entries = new TxEntries(w, c.chain());
        List<Map<String, Object>> newestFirst = new ArrayList<>();
        List<WalletTx> txs = w.transactions();
        for (int i = txs.size() - 1; i >= 0 && newestFirst.size() < count + skip; i--) {
            List<Map<String, Object>> e = entries.entries(txs.get(i), label, false, true);
            Collections.reverse(e);
            newestFirst.addAll(e);
        }
        int from = (int) Math.min(skip, newestFirst.size());
        int to = (int) Math.min(skip + count, newestFirst.size());
        List<Object> out = new ArrayList<>(newestFirst.subList(from, to));
        Collections.reverse(out);
        return out;
    }

    private static Object listSinceBlock(Args a, Call c) {
        LoadedWallet w = c.wallet();
        int sinceHeight = -1;
        List<String> staleBlocks = new ArrayList<>(); // from the given block back to the fork point
        if (a.has(0)) {
            String hash = hash(a.str(0), "blockhash");
            BlockInfo block = c.chain().findBlock(hash, false).orElseThrow(
                    () -> new RpcError(Rpc.INVALID_ADDRESS_OR_KEY, "Block not found"));
            sinceHeight = block.height();
            while (sinceHeight >= 0 && !c.chain().getBlockHash(sinceHeight).equals(hash)) {
                // not on the active chain: transactions after the fork point are what changed
                staleBlocks.add(hash);
                BlockInfo parent = c.chain().findBlock(block.prevHash(), false).orElseThrow();
                block = parent;
                hash = parent.hash();
                sinceHeight = parent.height();
            }
        }
        long target = a.integer(1, 1);
        if (target < 1) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter");
        }
        a.bool(2, false);
        boolean includeRemoved = a.bool(3, true);
        boolean includeChange = a.bool(4, false);
        String label = a.has(5) ? AddressRpc.label(a.str(5)) : null;
        TxEntries entries = new TxEntries(w, c.chain());
        List<Object> transactions = new ArrayList<>();
        for (WalletTx tx : w.transactions()) {
            boolean after = tx.blockHeight().isEmpty() || tx.confirmations() <= 0 || tx.blockHeight().get() > sinceHeight;
            if (after) {
                transactions.addAll(entries.entries(tx, label, includeChange, true));
            }
        }
        int tip = c.chain().getHeight().orElse(-1);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("transactions", transactions);
        List<Object> removed = new ArrayList<>();
        if (includeRemoved) {
            for (String stale : staleBlocks) {
                BlockInfo info = c.chain().findBlock(stale, true).orElseThrow();
                for (Transaction t : Block.fromBytes(info.data()).transactions()) {
                    Optional<WalletTx> tx = w.transaction(t.txid().toString());
                    if (tx.isPresent()) {
                        removed.addAll(entries.entries(tx.get(), label, includeChange, true));
                    }
                }
            }
        }
        o.put("removed", removed);
        o.put("lastblock", c.chain().getBlockHash((int) Math.max(0, tip + 1 - target)));
        return o;
    }
}

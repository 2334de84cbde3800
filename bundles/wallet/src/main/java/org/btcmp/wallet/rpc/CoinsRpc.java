package org.btcmp.wallet.rpc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.btcmp.interfaces.OutPointRef;
import org.btcmp.interfaces.RpcCommand.RpcError;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.script.Address;
import org.btcmp.wallet.core.Balances;
import org.btcmp.wallet.core.LoadedWallet;
import org.btcmp.wallet.core.UnspentCoin;
import org.btcmp.wallet.core.WalletTx;
import org.btcmp.wallet.store.DescriptorRecords;
import org.btcmp.wallet.store.ScriptRecords;

/** Core's coin RPCs: getbalance, getbalances, listunspent, lockunspent, listlockunspent. */
final class CoinsRpc {
    private static final long MAX_CONF = 9_999_999;

    private CoinsRpc() {
    }

    static List<Command> commands() {
        return List.of(
                Command.of("getbalance", 0, CoinsRpc::getBalance, "dummy", "minconf", "include_watchonly", "avoid_reuse"),
                Command.of("getbalances", 0, CoinsRpc::getBalances),
                Command.of("listunspent", 0, CoinsRpc::listUnspent, "minconf", "maxconf", "addresses", "include_unsafe",
                        "query_options"),
                Command.of("lockunspent", 1, CoinsRpc::lockUnspent, "unlock", "transactions", "persistent"),
                Command.of("listlockunspent", 0, CoinsRpc::listLockUnspent));
    }

    private static Object getBalance(Args a, Call c) {
        LoadedWallet w = c.wallet();
        if (a.has(0) && !"*".equals(a.raw(0))) {
            throw new RpcError(Rpc.METHOD_DEPRECATED, "dummy first argument must be excluded or set to \"*\".");
        }
        long minConf = a.integer(1, 0);
        a.bool(2, false);
        boolean avoidReuse = SendRpc.avoidReuse(w, a.has(3) ? a.bool(3, false) : null);
        if (minConf <= 0) {
            return Amounts.btc((avoidReuse ? w.sync().balancesAvoidingReuse() : w.sync().balances()).trusted());
        }
        Set<String> used = avoidReuse ? w.sync().usedScripts() : Set.of();
        long sum = 0;
        for (UnspentCoin coin : w.sync().listUnspent((int) Math.min(minConf, MAX_CONF), (int) MAX_CONF)) {
            if (coin.safe() && !used.contains(HexFormat.of().formatHex(coin.scriptPubKey()))) {
                sum += coin.amount();
            }
        }
        return Amounts.btc(sum);
    }

    private static Object getBalances(Args a, Call c) {
        LoadedWallet w = c.wallet();
        Map<String, Object> o = new LinkedHashMap<>();
        if (w.wallet().avoidsReuse()) {
            Balances all = w.sync().balances();
            Balances clean = w.sync().balancesAvoidingReuse();
            Map<String, Object> mine = WalletManagementRpc.mine(clean);
            mine.put("used", Amounts.btc(all.trusted() + all.untrustedPending() - clean.trusted() - clean.untrustedPending()));
            o.put("mine", mine);
        } else {
            o.put("mine", WalletManagementRpc.mine(w.sync().balances()));
        }
        w.sync().lastBlock().ifPresent(tip -> o.put("lastprocessedblock", WalletManagementRpc.block(tip)));
        return o;
    }

    private static Object listUnspent(Args a, Call c) {
        LoadedWallet w = c.wallet();
        long minConf = a.integer(0, 1);
        long maxConf = a.integer(1, MAX_CONF);
        Set<String> addresses = new HashSet<>();
        if (a.has(2)) {
            for (Object v : a.array(2)) {
                if (!(v instanceof String address)) {
                    throw Args.typeError(v, "string");
                }
                if (AddressRpc.script(w, address).isEmpty()) {
                    throw new RpcError(Rpc.INVALID_ADDRESS_OR_KEY, "Invalid Bitcoin address: " + address);
                }
                if (!addresses.add(address)) {
                    throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, duplicated address: " + address);
                }
            }
        }
        boolean includeUnsafe = a.bool(3, true);
        QueryOptions q = a.has(4) ? QueryOptions.parse(a.object(4)) : QueryOptions.NONE;
        List<Object> out = new ArrayList<>();
        Map<String, String> parents = parentDescriptors(w);
        boolean avoidReuse = w.wallet().avoidsReuse();
        Set<String> used = avoidReuse ? w.sync().usedScripts() : Set.of();
        int count = 0;
        for (UnspentCoin coin : w.sync().listUnspent((int) Math.max(0, Math.min(minConf, MAX_CONF)),
                (int) Math.max(-1, Math.min(maxConf, MAX_CONF)))) {
            Optional<String> address = Address.fromScript(Script.of(coin.scriptPubKey()), w.params());
            if (!addresses.isEmpty() && (address.isEmpty() || !addresses.contains(address.get()))) {
                continue;
            }
            if ((!includeUnsafe && !coin.safe()) || w.sender().isLocked(new OutPointRef(coin.txid(), coin.vout()))
                    || coin.amount() < q.minimumAmount || coin.amount() > q.maximumAmount) {
                continue;
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("txid", coin.txid());
            o.put("vout", (long) coin.vout());
            address.ifPresent(addr -> {
                o.put("address", addr);
                w.wallet().addressBookEntry(addr).ifPresent(e -> o.put("label", e.label()));
            });
            o.put("scriptPubKey", HexFormat.of().formatHex(coin.scriptPubKey()));
            o.put("amount", Amounts.btc(coin.amount()));
            o.put("confirmations", (long) coin.confirmations());
            o.put("spendable", true);
            o.put("solvable", true);
            if (avoidReuse) {
                o.put("reused", used.contains(HexFormat.of().formatHex(coin.scriptPubKey())));
            }
            Optional<ScriptRecords.Row> row = w.wallet().findScript(Script.of(coin.scriptPubKey()));
            List<Object> parentDescs = new ArrayList<>();
            row.map(r -> parents.get(r.descriptorId())).ifPresent(parentDescs::add);
            o.put("parent_descs", parentDescs);
            o.put("safe", coin.safe());
            out.add(o);
            if (++count >= q.maximumCount) {
                break;
            }
        }
        return out;
    }

    /** listunspent's query_options: amount bounds (BTC) and a count limit. */
    private record QueryOptions(long minimumAmount, long maximumAmount, long maximumCount) {
        static final QueryOptions NONE = new QueryOptions(0, Long.MAX_VALUE, Long.MAX_VALUE);

        static QueryOptions parse(Map<String, Object> o) {
            for (String key : o.keySet()) {
                if (!Set.of("minimumAmount", "maximumAmount", "maximumCount", "minimumSumAmount", "include_immature_coinbase")
                        .contains(key)) {
                    throw new RpcError(Rpc.TYPE_ERROR, "Unexpected key " + key);
                }
            }
            long min = o.containsKey("minimumAmount") ? Amounts.satoshis(o.get("minimumAmount")) : 0;
            long max = o.containsKey("maximumAmount") ? Amounts.satoshis(o.get("maximumAmount")) : Long.MAX_VALUE;
            long count = Long.MAX_VALUE;
            if (o.get("maximumCount") instanceof Long n && n > 0) {
                count = n;
            }
            return new QueryOptions(min, max, count);
        }
    }

    static Map<String, String> parentDescriptors(LoadedWallet w) {
        Map<String, String> out = new LinkedHashMap<>();
        for (DescriptorRecords.Row d : w.wallet().descriptors()) {
            out.put(d.id(), d.descriptor());
        }
        return out;
    }

    private static Object lockUnspent(Args a, Call c) {
        LoadedWallet w = c.wallet();
        if (a.has(0) && !(a.raw(0) instanceof Boolean)) {
            throw Args.typeError(a.raw(0), "bool");
        }
        boolean unlock = a.bool(0, false);
        boolean persistent = a.bool(2, false);
        if (!a.has(1)) {
            if (unlock) {
                w.unlockAllCoins();
            }
            return Boolean.TRUE;
        }
        List<OutPointRef> coins = new ArrayList<>();
        for (Object v : a.array(1)) {
            if (!(v instanceof Map<?, ?> o)) {
                throw Args.typeError(v, "object");
            }
            if (!(o.get("txid") instanceof String txid) || !txid.matches("[0-9a-fA-F]{64}")) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "txid must be of length 64 (not "
                        + String.valueOf(o.get("txid")).length() + ", for '" + o.get("txid") + "')");
            }
            if (!(o.get("vout") instanceof Long vout)) {
                throw new RpcError(Rpc.TYPE_ERROR, "vout must be a number");
            }
            if (vout < 0) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, vout cannot be negative");
            }
            OutPointRef coin = new OutPointRef(txid.toLowerCase(), (int) (long) vout);
            Optional<WalletTx> tx = w.transaction(coin.txid());
            if (tx.isEmpty()) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, unknown transaction");
            }
            if (vout >= tx.get().outputs().size()) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, vout index out of bounds");
            }
            boolean unspent = w.sync().listUnspent(0, (int) MAX_CONF).stream()
                    .anyMatch(u -> u.txid().equals(coin.txid()) && u.vout() == coin.index());
            if (!unspent) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, expected unspent output");
            }
            boolean isLocked = w.sender().isLocked(coin);
            if (unlock && !isLocked) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, expected locked output");
            }
            if (!unlock && isLocked) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, output already locked");
            }
            coins.add(coin);
        }
        for (OutPointRef coin : coins) {
            if (unlock) {
                w.unlockCoin(coin);
            } else {
                w.lockCoin(coin, persistent);
            }
        }
        return Boolean.TRUE;
    }

    private static Object listLockUnspent(Args a, Call c) {
        List<Object> out = new ArrayList<>();
        for (OutPointRef coin : c.wallet().sender().lockedCoins()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("txid", coin.txid());
            o.put("vout", (long) coin.index());
            out.add(o);
        }
        return out;
    }
}

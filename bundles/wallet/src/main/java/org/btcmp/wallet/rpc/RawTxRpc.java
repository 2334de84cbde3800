package org.btcmp.wallet.rpc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.common.json.Json;
import org.btcmp.interfaces.CoinInfo;
import org.btcmp.interfaces.OutPointRef;
import org.btcmp.interfaces.RpcCommand.RpcError;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.btcmp.wallet.core.LoadedWallet;

/** Core's wallet RPCs on raw transactions: signrawtransactionwithwallet, bumpfee. */
final class RawTxRpc {
    /** Core's sighash names (ParseSighashString) and their numbers. */
    private static final Map<String, Integer> SIGHASH = Map.of("DEFAULT", 0, "ALL", 1, "NONE", 2, "SINGLE", 3,
            "ALL|ANYONECANPAY", 0x81, "NONE|ANYONECANPAY", 0x82, "SINGLE|ANYONECANPAY", 0x83);

    private RawTxRpc() {
    }

    static List<Command> commands() {
        return List.of(Command.of("signrawtransactionwithwallet", 1, RawTxRpc::signRawTransactionWithWallet,
                "hexstring", "prevtxs", "sighashtype"),
                Command.of("bumpfee", 1, RawTxRpc::bumpFee, "txid", "options"));
    }

    private static Object bumpFee(Args a, Call c) {
        LoadedWallet w = c.wallet();
        String txid = HistoryRpc.hash(a.str(0), "txid");
        Object confTarget = null;
        Object estimateMode = null;
        Object feeRate = null;
        java.util.Optional<List<org.btcmp.wallet.core.WalletSender.Recipient>> outputs = java.util.Optional.empty();
        java.util.OptionalInt changeIndex = java.util.OptionalInt.empty();
        boolean replaceable = true;
        if (a.has(1)) {
            Map<String, Object> options = a.object(1);
            for (Map.Entry<String, Object> e : options.entrySet()) {
                switch (e.getKey()) {
                    case "conf_target" -> confTarget = e.getValue();
                    case "estimate_mode" -> estimateMode = e.getValue();
                    case "fee_rate" -> feeRate = e.getValue();
                    case "replaceable" -> {
                        if (!(e.getValue() instanceof Boolean r)) {
                            throw Args.typeError(e.getValue(), "bool");
                        }
                        replaceable = r;
                    }
                    case "outputs" -> outputs = java.util.Optional.of(SendRpc.recipients(w, SendRpc.outputs(e.getValue()),
                            List.of()));
                    case "original_change_index" -> {
                        if (!(e.getValue() instanceof Long index) || index < 0) {
                            throw Args.typeError(e.getValue(), "number");
                        }
                        changeIndex = java.util.OptionalInt.of((int) Math.min(index, Integer.MAX_VALUE));
                    }
                    default -> throw new RpcError(Rpc.TYPE_ERROR, "Unexpected key " + e.getKey());
                }
            }
        }
        java.util.OptionalLong rate = SendRpc.feeRequest(c, Json.isNull(confTarget) ? null : confTarget,
                Json.isNull(estimateMode) ? null : estimateMode, Json.isNull(feeRate) ? null : feeRate).feeRate();
        SendRpc.ensureUnlocked(w);
        org.btcmp.wallet.core.BumpResult bumped = w.bumpFee(txid, rate, outputs, changeIndex, replaceable);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("txid", bumped.txid());
        o.put("origfee", Amounts.btc(bumped.originalFee()));
        o.put("fee", Amounts.btc(bumped.fee()));
        o.put("errors", new ArrayList<Object>());
        return o;
    }

    /** Core's ParseSighashString. */
    static int sighash(String name) {
        Integer type = SIGHASH.get(name);
        if (type == null) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "'" + name + "' is not a valid sighash parameter.");
        }
        return type;
    }

    static Transaction decode(String hex) {
        try {
            Transaction tx = Transaction.fromHex(hex);
            if (tx.inputs().isEmpty()) {
                throw new IllegalArgumentException("no inputs");
            }
            return tx;
        } catch (RuntimeException e) { // bad hex, truncated or malformed bytes
            throw new RpcError(Rpc.DESERIALIZATION_ERROR, "TX decode failed. Make sure the tx has at least one input.");
        }
    }

    private static Object signRawTransactionWithWallet(Args a, Call c) {
        LoadedWallet w = c.wallet();
        Transaction tx = decode(a.str(0));
        Map<OutPointRef, TxOut> given = a.has(1) ? prevTxs(a.array(1)) : Map.of();
        int hashType = sighash(a.str(2, "DEFAULT"));
        SendRpc.ensureUnlocked(w);
        List<TxOut> spent = new ArrayList<>();
        List<OutPointRef> unknown = new ArrayList<>();
        for (TxIn in : tx.inputs()) {
            OutPointRef ref = new OutPointRef(in.prevout().txid().toString(), (int) in.prevout().index());
            TxOut out = w.walletTxOutput(ref.txid(), ref.index()).orElse(given.get(ref));
            spent.add(out);
            if (out == null) {
                unknown.add(ref);
            }
        }
        Map<OutPointRef, CoinInfo> coins = unknown.isEmpty() ? Map.of() : c.chain().findCoins(unknown);
        for (int i = 0; i < spent.size(); i++) {
            if (spent.get(i) == null) {
                TxIn in = tx.inputs().get(i);
                CoinInfo coin = coins.get(new OutPointRef(in.prevout().txid().toString(), (int) in.prevout().index()));
                if (coin != null) {
                    spent.set(i, new TxOut(coin.value(), Script.of(coin.scriptPubKey())));
                }
            }
        }
        Map.Entry<Transaction, Map<Integer, String>> signed = w.signInputs(tx, spent, hashType);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("hex", HexFormat.of().formatHex(signed.getKey().toBytes()));
        o.put("complete", signed.getValue().isEmpty());
        if (!signed.getValue().isEmpty()) {
            List<Object> errors = new ArrayList<>();
            for (Map.Entry<Integer, String> e : signed.getValue().entrySet()) {
                TxIn in = signed.getKey().inputs().get(e.getKey());
                Map<String, Object> err = new LinkedHashMap<>();
                err.put("txid", in.prevout().txid().toString());
                err.put("vout", in.prevout().index());
                List<Object> witness = new ArrayList<>();
                in.witness().forEach(item -> witness.add(HexFormat.of().formatHex(item)));
                err.put("witness", witness);
                err.put("scriptSig", in.scriptSig().toHex());
                err.put("sequence", in.sequence());
                err.put("error", e.getValue());
                errors.add(err);
            }
            o.put("errors", errors);
        }
        return o;
    }

    /** prevtxs entries: the outputs spent by inputs the wallet does not know, with Core's checks. */
    private static Map<OutPointRef, TxOut> prevTxs(List<Object> entries) {
        Map<OutPointRef, TxOut> out = new HashMap<>();
        for (Object v : entries) {
            if (!(v instanceof Map<?, ?> m)) {
                throw Args.typeError(v, "object");
            }
            if (!(m.get("txid") instanceof String txid)) {
                throw new RpcError(Rpc.TYPE_ERROR, "Missing txid");
            }
            String id = HistoryRpc.hash(txid, "txid");
            if (!(m.get("vout") instanceof Long vout)) {
                throw new RpcError(Rpc.TYPE_ERROR, "Missing vout");
            }
            if (vout < 0) {
                throw new RpcError(Rpc.DESERIALIZATION_ERROR, "vout cannot be negative");
            }
            if (!(m.get("scriptPubKey") instanceof String spk) || !spk.matches("([0-9a-fA-F]{2})*")) {
                throw new RpcError(Rpc.TYPE_ERROR, "Missing scriptPubKey");
            }
            if (!m.containsKey("amount")) {
                throw new RpcError(Rpc.TYPE_ERROR, "Missing amount");
            }
            out.put(new OutPointRef(id, (int) (long) vout),
                    new TxOut(Amounts.satoshis(m.get("amount")), Script.fromHex(spk)));
        }
        return out;
    }
}

package org.btcmp.wallet.rpc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.btcmp.common.json.Json;
import org.btcmp.interfaces.CoinInfo;
import org.btcmp.interfaces.OutPointRef;
import org.btcmp.interfaces.RpcCommand.RpcError;
import org.btcmp.primitives.Script;
import org.btcmp.wallet.core.FeePolicy;
import org.btcmp.wallet.core.LoadedWallet;
import org.btcmp.wallet.core.WalletSender;
import org.btcmp.wallet.store.TxRecords;

/**
 * Core's FundTransaction options, shared by fundrawtransaction, walletcreatefundedpsbt and send: their
 * type checks, the coin control they build (preselected inputs, add_inputs, include_unsafe,
 * minconf/maxconf, change address, type and position, lock time, input weights), the fee request and
 * lock_unspents, each refused with Core's code and message.
 */
final class FundOptions {
    /** Core's LOCKTIME_MAX. */
    private static final long LOCKTIME_MAX = 0xffffffffL;
    /** Core's MAX_STANDARD_TX_WEIGHT. */
    private static final long MAX_STANDARD_TX_WEIGHT = 400_000;
    /** Core's weight of an input with an empty scriptSig and witness. */
    private static final long MIN_INPUT_WEIGHT = 165;
    private static final List<String> OUTPUT_TYPES = List.of("legacy", "p2sh-segwit", "bech32", "bech32m");
    /** The options RPCTypeCheckObj accepts and their types ("any": checked later), sorted as Core's std::map. */
    private static final Map<String, String> TYPES = new TreeMap<>();

    static {
        for (String k : List.of("add_inputs", "include_unsafe", "add_to_wallet", "includeWatching", "include_watching",
                "lockUnspents", "lock_unspents", "psbt", "replaceable")) {
            TYPES.put(k, "bool");
        }
        for (String k : List.of("changeAddress", "change_address", "change_type", "estimate_mode")) {
            TYPES.put(k, "string");
        }
        for (String k : List.of("changePosition", "change_position", "locktime", "conf_target", "minconf", "maxconf",
                "max_tx_weight")) {
            TYPES.put(k, "number");
        }
        for (String k : List.of("inputs", "subtractFeeFromOutputs", "subtract_fee_from_outputs", "input_weights")) {
            TYPES.put(k, "array");
        }
        TYPES.put("solving_data", "object");
        TYPES.put("fee_rate", "any");
        TYPES.put("feeRate", "any");
    }

    /** Inputs a caller named (Core's ConstructTransaction): outpoints in order, their sequences, the lock time. */
    record Inputs(List<OutPointRef> outpoints, Map<OutPointRef, Long> sequences, Map<OutPointRef, Integer> weights,
            OptionalLong lockTime) {
        static final Inputs NONE = new Inputs(List.of(), Map.of(), Map.of(), OptionalLong.empty());
    }

    /** What the options ask for: the coin control, the fee request and whether to lock the chosen coins. */
    record Funding(WalletSender.CoinControl control, FeePolicy.Request fee, boolean lockUnspents) {
    }

    private FundOptions() {
    }

    /**
     * Core's ConstructTransaction for the inputs argument: txid, vout, an optional sequence (default
     * from {@code rbf} and the lock time) and, as walletcreatefundedpsbt and send take it, a weight.
     */
    static Inputs inputs(Object given, Object lockTimeValue, boolean rbf) {
        OptionalLong lockTime = OptionalLong.empty();
        if (lockTimeValue != null) {
            if (!(lockTimeValue instanceof Long l)) {
                throw Args.typeError(lockTimeValue, "number");
            }
            if (l < 0 || l > LOCKTIME_MAX) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, locktime out of range");
            }
            lockTime = OptionalLong.of(l);
        }
        if (given == null) {
            return new Inputs(List.of(), Map.of(), Map.of(), lockTime);
        }
        if (!(given instanceof List<?> list)) {
            throw Args.typeError(given, "array");
        }
        List<OutPointRef> outpoints = new ArrayList<>();
        Map<OutPointRef, Long> sequences = new LinkedHashMap<>();
        Map<OutPointRef, Integer> weights = new HashMap<>();
        boolean signalsRbf = false;
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> in)) {
                throw Args.typeError(item, "object");
            }
            String txid = hash(in.get("txid"));
            if (!(in.get("vout") instanceof Long vout)) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, missing vout key");
            }
            if (vout < 0) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, vout cannot be negative");
            }
            long sequence = rbf ? 0xfffffffdL : lockTime.orElse(0) != 0 ? 0xfffffffeL : 0xffffffffL;
            if (in.get("sequence") instanceof Long s) {
                if (s < 0 || s > 0xffffffffL) {
                    throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, sequence number is out of range");
                }
                sequence = s;
            }
            OutPointRef ref = new OutPointRef(txid, (int) (long) vout);
            outpoints.add(ref);
            sequences.put(ref, sequence);
            signalsRbf |= sequence < 0xfffffffeL;
            if (in.containsKey("weight")) {
                weights.put(ref, weight(in.get("weight")));
            }
        }
        if (rbf && !outpoints.isEmpty() && !signalsRbf) {
            throw new RpcError(Rpc.INVALID_PARAMETER,
                    "Invalid parameter combination: Sequence number(s) contradict replaceable option");
        }
        return new Inputs(outpoints, sequences, weights, lockTime);
    }

    /**
     * Core's FundTransaction over {@code options} for a transaction of {@code recipientCount} outputs
     * spending {@code inputs}; {@code allowOtherDefault} is add_inputs' default, {@code overrideMinimum}
     * whether an explicit fee rate may be under the relay minimum (fundrawtransaction,
     * walletcreatefundedpsbt), {@code rbf} the replaceability already decided.
     */
    static Funding parse(LoadedWallet w, Call c, Map<String, Object> options, int recipientCount, Inputs inputs,
            boolean allowOtherDefault, boolean overrideMinimum, boolean rbf) {
        typeCheck(options);
        boolean allowOther = options.containsKey("add_inputs") ? (Boolean) options.get("add_inputs") : allowOtherDefault;
        Optional<Script> changeScript = Optional.empty();
        Object changeAddress = first(options, "change_address", "changeAddress");
        if (changeAddress != null) {
            changeScript = Optional.of(AddressRpc.script(w, (String) changeAddress).orElseThrow(() ->
                    new RpcError(Rpc.INVALID_ADDRESS_OR_KEY, "Change address must be a valid bitcoin address")));
        }
        OptionalInt changePosition = OptionalInt.empty();
        Object position = first(options, "change_position", "changePosition");
        if (position != null) {
            long pos = integer(position);
            if (pos < 0 || pos > recipientCount) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "changePosition out of bounds");
            }
            changePosition = OptionalInt.of((int) pos);
        }
        Optional<String> changeType = Optional.empty();
        if (has(options, "change_type")) {
            if (changeAddress != null) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Cannot specify both change address and address type options");
            }
            String type = (String) options.get("change_type");
            if (!OUTPUT_TYPES.contains(type)) {
                throw new RpcError(Rpc.INVALID_ADDRESS_OR_KEY, "Unknown change type '" + type + "'");
            }
            changeType = Optional.of(type);
        }
        Object lock = first(options, "lock_unspents", "lockUnspents");
        boolean lockUnspents = lock != null && (Boolean) lock;
        boolean includeUnsafe = has(options, "include_unsafe") && (Boolean) options.get("include_unsafe");
        FeePolicy.Request fee;
        if (has(options, "feeRate")) {
            if (has(options, "fee_rate")) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Cannot specify both fee_rate (sat/vB) and feeRate (BTC/kvB)");
            }
            if (has(options, "conf_target")) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Cannot specify both conf_target and feeRate. Please provide"
                        + " either a confirmation target in blocks for automatic fee estimation, or an explicit fee rate.");
            }
            if (has(options, "estimate_mode")) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Cannot specify both estimate_mode and feeRate");
            }
            fee = FeePolicy.Request.rate(OptionalLong.of(Amounts.satoshis(options.get("feeRate")))).overridingMinimum();
        } else {
            fee = SendRpc.feeRequest(c, options.get("conf_target"), options.get("estimate_mode"), options.get("fee_rate"));
            if (overrideMinimum) {
                fee = fee.overridingMinimum();
            }
        }
        int minDepth = 0;
        if (has(options, "minconf")) {
            minDepth = (int) integer(options.get("minconf"));
            if (minDepth < 0) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Negative minconf");
            }
        }
        int maxDepth = WalletSender.CoinControl.MAX_DEPTH;
        if (has(options, "maxconf")) {
            maxDepth = (int) integer(options.get("maxconf"));
            if (maxDepth < minDepth) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "maxconf can't be lower than minconf: " + maxDepth + " < "
                        + minDepth);
            }
        }
        if (has(options, "solving_data") || has(options, "max_tx_weight")) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Option " + (has(options, "solving_data") ? "solving_data"
                    : "max_tx_weight") + " is not supported by this wallet yet");
        }
        Map<OutPointRef, Integer> weights = new HashMap<>(inputs.weights());
        if (has(options, "input_weights")) {
            for (Object item : (List<?>) options.get("input_weights")) {
                if (!(item instanceof Map<?, ?> in)) {
                    throw Args.typeError(item, "object");
                }
                String txid = hash(in.get("txid"));
                if (!(in.get("vout") instanceof Long vout)) {
                    throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, missing vout key");
                }
                if (vout < 0) {
                    throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, vout cannot be negative");
                }
                if (!(in.get("weight") instanceof Long)) {
                    throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, missing weight key");
                }
                weights.put(new OutPointRef(txid, (int) (long) vout), weight(in.get("weight")));
            }
        }
        List<TxRecords.Output> preselected = preselected(w, c, inputs.outpoints(), weights);
        WalletSender.CoinControl control = WalletSender.CoinControl.of(false, rbf)
                .withInputs(preselected, inputs.sequences(), allowOther)
                .withCoinFilter(minDepth, maxDepth, includeUnsafe)
                .withChange(changeScript, changeType, changePosition)
                .withLockTime(inputs.lockTime(), weights);
        return new Funding(control, fee, lockUnspents);
    }

    /**
     * The coins the inputs name: the wallet's own outputs, else (Core: "external") the node's unspent
     * output, which cannot be signed for, so it needs a weight to be paid for.
     */
    private static List<TxRecords.Output> preselected(LoadedWallet w, Call c, List<OutPointRef> outpoints,
            Map<OutPointRef, Integer> weights) {
        List<TxRecords.Output> coins = new ArrayList<>();
        for (OutPointRef ref : outpoints) {
            Optional<TxRecords.Output> own = w.ownOutput(ref);
            if (own.isPresent()) {
                coins.add(own.get());
                continue;
            }
            CoinInfo coin = c.chain().findCoins(List.of(ref)).get(ref);
            if (coin == null) {
                throw new RpcError(Rpc.WALLET_ERROR, "Unable to find UTXO for external input");
            }
            weights.putIfAbsent(ref, -1); // Core: not solvable without solving data or a weight
            coins.add(new TxRecords.Output(ref.txid(), ref.index(), coin.value(), coin.scriptPubKey(), false));
        }
        return coins;
    }

    /** send's outdated camelCase names, refused before anything else (Core's PreventOutdatedOptions). */
    static void preventOutdated(Map<String, Object> options) {
        String[][] renamed = {{"feeRate", "Use fee_rate (sat/vB) instead of feeRate"},
            {"changeAddress", "Use change_address instead of changeAddress"},
            {"changePosition", "Use change_position instead of changePosition"},
            {"lockUnspents", "Use lock_unspents instead of lockUnspents"},
            {"subtractFeeFromOutputs", "Use subtract_fee_from_outputs instead of subtractFeeFromOutputs"}};
        for (String[] r : renamed) {
            if (options.containsKey(r[0])) {
                throw new RpcError(Rpc.INVALID_PARAMETER, r[1]);
            }
        }
    }

    /** Core's RPCTypeCheckObj with nulls allowed and unknown keys refused. */
    private static void typeCheck(Map<String, Object> options) {
        for (Map.Entry<String, String> t : TYPES.entrySet()) {
            Object v = options.get(t.getKey());
            if (Json.isNull(v) || t.getValue().equals("any")) {
                continue;
            }
            String actual = Json.typeName(v);
            if (!actual.equals(t.getValue())) {
                throw new RpcError(Rpc.TYPE_ERROR, "JSON value of type " + actual + " for field " + t.getKey()
                        + " is not of expected type " + t.getValue());
            }
        }
        for (String key : options.keySet()) {
            if (!TYPES.containsKey(key)) {
                throw new RpcError(Rpc.TYPE_ERROR, "Unexpected key " + key);
            }
        }
    }

    private static boolean has(Map<String, Object> options, String key) {
        return !Json.isNull(options.get(key));
    }

    /** The snake_case option, else its camelCase twin (Core reads either, the first winning). */
    private static Object first(Map<String, Object> options, String name, String twin) {
        return has(options, name) ? options.get(name) : has(options, twin) ? options.get(twin) : null;
    }

    private static long integer(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        throw new RpcError(Rpc.TYPE_ERROR, "JSON integer out of range");
    }

    private static int weight(Object v) {
        if (!(v instanceof Long w)) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, missing weight key");
        }
        if (w < MIN_INPUT_WEIGHT) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, weight cannot be less than 165 (41 bytes"
                    + " (size of outpoint + sequence + empty scriptSig) * 4 (witness scaling factor)) + 1 (empty witness)");
        }
        if (w > MAX_STANDARD_TX_WEIGHT) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, weight cannot be greater than the maximum"
                    + " standard tx weight of " + MAX_STANDARD_TX_WEIGHT);
        }
        return (int) (long) w;
    }

    /** Core's ParseHashV for a txid. */
    static String hash(Object v) {
        if (!(v instanceof String s)) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, missing txid key");
        }
        if (s.length() != 64) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "txid must be of length 64 (not " + s.length() + ", for '" + s
                    + "')");
        }
        if (!s.matches("[0-9a-fA-F]*")) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "txid must be hexadecimal string (not '" + s + "')");
        }
        return s.toLowerCase(java.util.Locale.ROOT);
    }
}

package org.btcmp.wallet.rpc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.btcmp.common.json.Json;
import org.btcmp.interfaces.RpcCommand.RpcError;
import org.btcmp.primitives.Transaction;
import org.btcmp.wallet.core.FeePolicy;
import org.btcmp.wallet.core.LoadedWallet;
import org.btcmp.wallet.core.WalletSender;
import org.btcmp.wallet.psbt.Psbt;

/** Core's sending RPCs: sendtoaddress, sendmany, send. */
final class SendRpc {
    private static final Set<String> ESTIMATE_MODES = Set.of("unset", "economical", "conservative");

    private SendRpc() {
    }

    static List<Command> commands() {
        return List.of(
                Command.of("sendtoaddress", 2, SendRpc::sendToAddress, "address", "amount", "comment", "comment_to",
                        "subtractfeefromamount", "replaceable", "conf_target", "estimate_mode", "avoid_reuse",
                        "fee_rate", "verbose"),
                Command.of("sendmany", 2, SendRpc::sendMany, "dummy", "amounts", "minconf", "comment", "subtractfeefrom",
                        "replaceable", "conf_target", "estimate_mode", "fee_rate", "verbose"),
                Command.of("send", 1, SendRpc::send, "outputs", "conf_target", "estimate_mode", "fee_rate", "options"));
    }

    private static Object sendToAddress(Args a, Call c) {
        LoadedWallet w = c.wallet();
        String address = a.str(0);
        long amount = a.amount(1);
        a.str(2, "");
        a.str(3, "");
        boolean subtractFee = a.bool(4, false);
        boolean replaceable = a.bool(5, true);
        boolean avoidReuse = avoidReuse(w, a.has(8) ? a.bool(8, false) : null);
        FeePolicy.Request fee = feeRequest(c, a.raw(6), a.raw(7), a.raw(9));
        List<WalletSender.Recipient> recipients = List.of(recipient(w, address, amount, subtractFee));
        return result(w, recipients, fee, avoidReuse, replaceable, a.bool(10, false));
    }

    private static Object sendMany(Args a, Call c) {
        LoadedWallet w = c.wallet();
        if (a.has(0) && !a.str(0).isEmpty()) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Dummy value must be set to \"\"");
        }
        Map<String, Object> amounts = a.object(1);
        a.integer(2, 0);
        a.str(3, "");
        Set<String> subtractFrom = new HashSet<>();
        if (a.has(4)) {
            for (Object v : a.array(4)) {
                if (!(v instanceof String address)) {
                    throw Args.typeError(v, "string");
                }
                subtractFrom.add(address);
            }
        }
        boolean replaceable = a.bool(5, true);
        FeePolicy.Request fee = feeRequest(c, a.raw(6), a.raw(7), a.raw(8));
        List<WalletSender.Recipient> recipients = new ArrayList<>();
        for (Map.Entry<String, Object> e : amounts.entrySet()) {
            if (AddressRpc.script(w, e.getKey()).isEmpty()) {
                throw new RpcError(Rpc.INVALID_ADDRESS_OR_KEY, "Invalid Bitcoin address: " + e.getKey());
            }
            recipients.add(recipient(w, e.getKey(), Amounts.satoshis(e.getValue()), subtractFrom.contains(e.getKey())));
        }
        return result(w, recipients, fee, false, replaceable, a.bool(9, false)); // Core: only sendtoaddress avoids reuse
    }

    private static Object send(Args a, Call c) {
        LoadedWallet w = c.wallet();
        Map<String, Object> options = new LinkedHashMap<>(a.has(4) ? a.object(4) : Map.of());
        feeArguments(options, a.raw(1), a.raw(2), a.raw(3));
        FundOptions.preventOutdated(options);
        Object replaceable = options.get("replaceable");
        boolean rbf = !(replaceable instanceof Boolean r) || r;
        List<Map.Entry<String, Object>> outputs = outputs(a.raw(0));
        Object subtract = options.get("subtract_fee_from_outputs");
        List<WalletSender.Recipient> recipients = recipients(w, outputs,
                subtract instanceof List<?> l ? new ArrayList<>(l) : List.of());
        FundOptions.Inputs inputs = FundOptions.inputs(options.get("inputs"), options.get("locktime"), rbf);
        FundOptions.Funding funding = FundOptions.parse(w, c, options, recipients.size(), inputs,
                inputs.outpoints().isEmpty(), false, rbf);
        boolean psbtOptIn = Boolean.TRUE.equals(options.get("psbt"));
        boolean addToWallet = !Boolean.FALSE.equals(options.get("add_to_wallet"));
        WalletSender.Funded funded = PsbtRpc.fund(w, recipients, funding);
        boolean canSign = w.wallet().hasPrivateKeys() && unlocked(w) && funded.spent().stream()
                .allMatch(out -> w.wallet().findScript(out.scriptPubKey()).isPresent());
        if (canSign && addToWallet && !psbtOptIn) {
            WalletSender.Sent sent = w.sender().signAndSend(funded);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("txid", sent.txid());
            o.put("complete", true);
            return o;
        }
        return finishUncommitted(w, funded, psbtOptIn, addToWallet);
    }

    /**
     * Core's FinishTransaction when the transaction is not committed: the wallet signs what it can
     * (nothing while locked, as Core's signing provider then holds no private keys) and finalizes. The
     * PSBT comes back when asked for or incomplete; a complete transaction comes back as hex and txid,
     * neither broadcast nor added to the wallet.
     */
    private static Map<String, Object> finishUncommitted(LoadedWallet w, WalletSender.Funded funded, boolean psbtOptIn,
            boolean addToWallet) {
        Psbt psbt = PsbtRpc.unsignedPsbt(w, funded, funded.tx(), true);
        PsbtRpc.fill(w, psbt, 0, w.wallet().hasPrivateKeys() && unlocked(w), false);
        boolean complete = PsbtRpc.finalizeAll(psbt);
        Map<String, Object> o = new LinkedHashMap<>();
        if (psbtOptIn || !complete || !addToWallet) {
            o.put("psbt", psbt.toBase64());
        }
        if (complete) {
            Transaction tx = psbt.extract().orElseThrow();
            o.put("txid", tx.txid().toString());
            o.put("hex", HexFormat.of().formatHex(tx.toBytes()));
        }
        o.put("complete", complete);
        return o;
    }

    /**
     * Core's InterpretFeeEstimationInstructions: send's conf_target, estimate_mode and fee_rate
     * arguments go into its options unless the options name them too.
     */
    private static void feeArguments(Map<String, Object> options, Object confTarget, Object estimateMode, Object feeRate) {
        if (options.containsKey("conf_target") || options.containsKey("estimate_mode")) {
            if (confTarget != null || estimateMode != null) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Pass conf_target and estimate_mode either as arguments or in"
                        + " the options object, but not both");
            }
        } else {
            options.put("conf_target", confTarget);
            options.put("estimate_mode", estimateMode);
        }
        if (options.containsKey("fee_rate")) {
            if (feeRate != null) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Pass the fee_rate either as an argument, or in the options"
                        + " object, but not both");
            }
        } else {
            options.put("fee_rate", feeRate);
        }
        Object mode = options.get("estimate_mode");
        if (!Json.isNull(options.get("conf_target")) && (Json.isNull(mode) || "unset".equals(mode))) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Specify estimate_mode");
        }
    }

    /**
     * Core's outputs argument: an object, or an array of one-key objects; address to amount, or
     * "data" to hex for an OP_RETURN output. In order, duplicates refused as Core refuses them.
     */
    static List<Map.Entry<String, Object>> outputs(Object given) {
        List<Map.Entry<String, Object>> outputs = new ArrayList<>();
        if (given instanceof Map<?, ?> m) {
            m.forEach((k, v) -> outputs.add(Map.entry(String.valueOf(k), v)));
        } else if (given instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> m)) {
                    throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, key-value pair not an object as expected");
                }
                if (m.size() != 1) {
                    throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, key-value pair must contain exactly one key");
                }
                m.forEach((k, v) -> outputs.add(Map.entry(String.valueOf(k), v)));
            }
        } else {
            throw Args.typeError(given, "array");
        }
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Object> e : outputs) {
            if (!seen.add(e.getKey())) {
                throw new RpcError(Rpc.INVALID_PARAMETER, e.getKey().equals("data")
                        ? "Invalid parameter, duplicate key: data"
                        : "Invalid parameter, duplicated address: " + e.getKey());
            }
        }
        return outputs;
    }

    /**
     * The recipients of parsed outputs; {@code subtractFrom} holds the output positions the fee comes
     * out of (send's and walletcreatefundedpsbt's subtract_fee_from_outputs), checked as Core checks them.
     */
    static List<WalletSender.Recipient> recipients(LoadedWallet w, List<Map.Entry<String, Object>> outputs,
            List<Object> subtractFrom) {
        Set<Long> positions = new HashSet<>();
        for (Object v : subtractFrom) {
            if (!(v instanceof Long pos)) {
                throw Args.typeError(v, "number");
            }
            if (!positions.add(pos)) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, duplicated position: " + pos);
            }
            if (pos < 0) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, negative position: " + pos);
            }
            if (pos >= outputs.size()) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, position too large: " + pos);
            }
        }
        List<WalletSender.Recipient> out = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Map.Entry<String, Object> e = outputs.get(i);
            if (e.getKey().equals("data")) {
                out.add(WalletSender.Recipient.data(hex(e.getValue())));
                continue;
            }
            if (AddressRpc.script(w, e.getKey()).isEmpty()) {
                throw new RpcError(Rpc.INVALID_ADDRESS_OR_KEY, "Invalid Bitcoin address: " + e.getKey());
            }
            out.add(recipient(w, e.getKey(), Amounts.satoshis(e.getValue()), positions.contains((long) i)));
        }
        return out;
    }

    /** Core's ParseHexV for a "data" output. */
    private static byte[] hex(Object v) {
        String text = v instanceof String str ? str : String.valueOf(v);
        if (text.length() % 2 != 0 || !text.matches("[0-9a-fA-F]*")) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Data must be hexadecimal string (not '" + text + "')");
        }
        return HexFormat.of().parseHex(text);
    }

    private static WalletSender.Recipient recipient(LoadedWallet w, String address, long amount, boolean subtractFee) {
        if (AddressRpc.script(w, address).isEmpty()) {
            throw new RpcError(Rpc.INVALID_ADDRESS_OR_KEY, "Invalid Bitcoin address: " + address);
        }
        if (amount <= 0) {
            throw new RpcError(Rpc.TYPE_ERROR, "Invalid amount for send");
        }
        return new WalletSender.Recipient(address, amount, subtractFee);
    }


    /** Core's GetAvoidReuseFlag: the wallet's flag unless given; asking for it without the flag is an error. */
    static boolean avoidReuse(LoadedWallet w, Boolean given) {
        boolean can = w.wallet().avoidsReuse();
        boolean avoid = given == null ? can : given;
        if (avoid && !can) {
            throw new RpcError(Rpc.WALLET_ERROR, "wallet does not have the \"avoid reuse\" feature enabled");
        }
        return avoid;
    }

    /**
     * Core's fee arguments: fee_rate (sat/vB) excludes conf_target and a set estimate_mode; without it,
     * conf_target (1 to the node's longest horizon) and estimate_mode pick the node's estimate.
     */
    static FeePolicy.Request feeRequest(Call c, Object confTarget, Object estimateMode, Object feeRate) {
        boolean conservative = false;
        if (estimateMode != null) {
            if (!(estimateMode instanceof String mode)) {
                throw Args.typeError(estimateMode, "string");
            }
            if (!ESTIMATE_MODES.contains(mode.toLowerCase(Locale.ROOT))) {
                throw new RpcError(Rpc.INVALID_PARAMETER,
                        "Invalid estimate_mode parameter, must be one of: \"unset\", \"economical\", \"conservative\"");
            }
            conservative = mode.equalsIgnoreCase("conservative");
        }
        if (feeRate != null) {
            if (confTarget != null) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Cannot specify both conf_target and fee_rate. Please provide"
                        + " either a confirmation target in blocks for automatic fee estimation, or an explicit fee rate.");
            }
            if (estimateMode != null && !"unset".equalsIgnoreCase((String) estimateMode)) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Cannot specify both estimate_mode and fee_rate");
            }
            return FeePolicy.Request.rate(OptionalLong.of(Amounts.satPerKvbFromSatPerVb(feeRate)));
        }
        OptionalInt target = OptionalInt.empty();
        if (confTarget != null) {
            if (!(confTarget instanceof Long t)) {
                throw Args.typeError(confTarget, "number");
            }
            int max = c.chain().estimateMaxBlocks();
            if (t < 1 || t > max) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid conf_target, must be between 1 and " + max);
            }
            target = OptionalInt.of((int) (long) t);
        }
        return new FeePolicy.Request(OptionalLong.empty(), target, conservative);
    }

    private static boolean unlocked(LoadedWallet w) {
        return !w.wallet().isEncrypted() || w.wallet().unlockedUntil().isPresent();
    }

    static void ensureUnlocked(LoadedWallet w) {
        if (!unlocked(w)) {
            throw new RpcError(Rpc.WALLET_UNLOCK_NEEDED, "Error: Please enter the wallet passphrase with walletpassphrase first.");
        }
    }

    private static Object result(LoadedWallet w, List<WalletSender.Recipient> recipients, FeePolicy.Request fee,
            boolean avoidReuse, boolean replaceable, boolean verbose) {
        if (!w.wallet().hasPrivateKeys()) {
            throw new RpcError(Rpc.WALLET_ERROR, "Error: Private keys are disabled for this wallet");
        }
        ensureUnlocked(w);
        WalletSender.Sent sent = w.send(recipients, fee, avoidReuse, replaceable);
        if (!verbose) {
            return sent.txid();
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("txid", sent.txid());
        o.put("fee_reason", sent.feeReason());
        return o;
    }
}

package org.btcmp.wallet.rpc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.btcmp.interfaces.RpcCommand.RpcError;
import org.btcmp.wallet.core.LoadedWallet;
import org.btcmp.wallet.core.WalletSender;

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
        if (a.bool(4, false)) {
            throw new RpcError(Rpc.WALLET_ERROR, "subtractfeefromamount is not supported by this wallet yet");
        }
        replaceable(a.bool(5, true));
        if (a.bool(8, false)) {
            throw new RpcError(Rpc.WALLET_ERROR, "wallet does not have the \"avoid reuse\" feature enabled");
        }
        OptionalLong feeRate = feeRate(a.raw(6), a.raw(7), a.raw(9));
        List<WalletSender.Recipient> recipients = List.of(recipient(w, address, amount));
        return result(w, recipients, feeRate, a.bool(10, false));
    }

    private static Object sendMany(Args a, Call c) {
        LoadedWallet w = c.wallet();
        if (a.has(0) && !a.str(0).isEmpty()) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Dummy value must be set to \"\"");
        }
        Map<String, Object> amounts = a.object(1);
        a.integer(2, 0);
        a.str(3, "");
        if (a.has(4) && !a.array(4).isEmpty()) {
            throw new RpcError(Rpc.WALLET_ERROR, "subtractfeefrom is not supported by this wallet yet");
        }
        replaceable(a.bool(5, true));
        OptionalLong feeRate = feeRate(a.raw(6), a.raw(7), a.raw(8));
        return result(w, recipients(w, amounts), feeRate, a.bool(9, false));
    }

    private static Object send(Args a, Call c) {
        LoadedWallet w = c.wallet();
        Map<String, Object> outputs = outputs(a.raw(0));
        Object feeRateValue = a.raw(3);
        if (a.has(4)) {
            Map<String, Object> options = a.object(4);
            for (String key : options.keySet()) {
                if (!key.equals("fee_rate") && !key.equals("replaceable")) {
                    throw new RpcError(Rpc.INVALID_PARAMETER, "Option " + key + " is not supported by this wallet yet");
                }
            }
            if (options.containsKey("fee_rate")) {
                if (feeRateValue != null) {
                    throw new RpcError(Rpc.INVALID_PARAMETER, "Pass the fee_rate either as an argument, or in the options"
                            + " object, but not both");
                }
                feeRateValue = options.get("fee_rate");
            }
            if (options.get("replaceable") instanceof Boolean r) {
                replaceable(r);
            }
        }
        OptionalLong feeRate = feeRate(a.raw(1), a.raw(2), feeRateValue);
        ensureUnlocked(w);
        WalletSender.Sent sent = w.send(recipients(w, outputs), feeRate);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("txid", sent.txid());
        o.put("complete", true);
        return o;
    }

    /** Core's outputs argument: an object, or an array of one-key objects, address to amount. */
    static Map<String, Object> outputs(Object given) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        if (given instanceof Map<?, ?> m) {
            m.forEach((k, v) -> outputs.put(String.valueOf(k), v));
        } else if (given instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> m)) {
                    throw Args.typeError(item, "object");
                }
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (outputs.containsKey(String.valueOf(e.getKey()))) {
                        throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, duplicated address: " + e.getKey());
                    }
                    outputs.put(String.valueOf(e.getKey()), e.getValue());
                }
            }
        } else {
            throw Args.typeError(given, "array");
        }
        if (outputs.containsKey("data")) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Data outputs are not supported by this wallet yet");
        }
        return outputs;
    }

    static List<WalletSender.Recipient> recipients(LoadedWallet w, Map<String, Object> amounts) {
        List<WalletSender.Recipient> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Object> e : amounts.entrySet()) {
            if (!seen.add(e.getKey())) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, duplicated address: " + e.getKey());
            }
            out.add(recipient(w, e.getKey(), Amounts.satoshis(e.getValue())));
        }
        return out;
    }

    private static WalletSender.Recipient recipient(LoadedWallet w, String address, long amount) {
        if (AddressRpc.script(w, address).isEmpty()) {
            throw new RpcError(Rpc.INVALID_ADDRESS_OR_KEY, "Invalid Bitcoin address: " + address);
        }
        if (amount <= 0) {
            throw new RpcError(Rpc.TYPE_ERROR, "Invalid amount for send");
        }
        return new WalletSender.Recipient(address, amount);
    }

    private static void replaceable(boolean signal) {
        if (!signal) {
            throw new RpcError(Rpc.WALLET_ERROR, "replaceable=false is not supported by this wallet yet: its"
                    + " transactions always signal BIP125 replaceability");
        }
    }

    /** Core's fee_rate (sat/vB) against conf_target and estimate_mode, as sat/kvB; empty: the wallet's default. */
    static OptionalLong feeRate(Object confTarget, Object estimateMode, Object feeRate) {
        if (estimateMode != null) {
            if (!(estimateMode instanceof String mode)) {
                throw Args.typeError(estimateMode, "string");
            }
            if (!ESTIMATE_MODES.contains(mode.toLowerCase(Locale.ROOT))) {
                throw new RpcError(Rpc.INVALID_PARAMETER,
                        "Invalid estimate_mode parameter, must be one of: \"unset\", \"economical\", \"conservative\"");
            }
        }
        if (feeRate == null) {
            return OptionalLong.empty();
        }
        if (confTarget != null) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Cannot specify both conf_target and fee_rate. Please provide either"
                    + " a confirmation target in blocks for automatic fee estimation, or an explicit fee rate.");
        }
        if (estimateMode != null && !"unset".equalsIgnoreCase((String) estimateMode)) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Cannot specify both estimate_mode and fee_rate");
        }
        return OptionalLong.of(Amounts.satPerKvbFromSatPerVb(feeRate));
    }

    static void ensureUnlocked(LoadedWallet w) {
        if (w.wallet().isEncrypted() && w.wallet().unlockedUntil().isEmpty()) {
            throw new RpcError(Rpc.WALLET_UNLOCK_NEEDED, "Error: Please enter the wallet passphrase with walletpassphrase first.");
        }
    }

    private static Object result(LoadedWallet w, List<WalletSender.Recipient> recipients, OptionalLong feeRate,
            boolean verbose) {
        ensureUnlocked(w);
        WalletSender.Sent sent = w.send(recipients, feeRate);
        if (!verbose) {
            return sent.txid();
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("txid", sent.txid());
        o.put("fee_reason", feeRate.isPresent() || w.payTxFee() > 0 ? "PayTxFee set" : "Fallback fee");
        return o;
    }
}

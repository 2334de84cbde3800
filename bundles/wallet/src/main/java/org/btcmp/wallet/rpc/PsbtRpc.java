package org.btcmp.wallet.rpc;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.btcmp.common.json.Json;
import org.btcmp.interfaces.OutPointRef;
import org.btcmp.interfaces.RpcCommand.RpcError;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.btcmp.wallet.core.FeePolicy;
import org.btcmp.wallet.core.LoadedWallet;
import org.btcmp.wallet.core.WalletSender;
import org.btcmp.wallet.psbt.Psbt;

/**
 * Core's PSBT RPCs for the wallet's own input kinds (P2WPKH, P2TR key path): walletcreatefundedpsbt,
 * walletprocesspsbt, and finalizepsbt (a node command in Core, served here because the node has no PSBT
 * code; it needs no wallet).
 */
final class PsbtRpc {
    private PsbtRpc() {
    }

    static List<Command> commands() {
        return List.of(
                Command.of("walletcreatefundedpsbt", 0, PsbtRpc::walletCreateFundedPsbt, "inputs", "outputs", "locktime",
                        "options", "bip32derivs", "version"),
                Command.of("walletprocesspsbt", 1, PsbtRpc::walletProcessPsbt, "psbt", "sign", "sighashtype",
                        "bip32derivs", "finalize"),
                Command.of("finalizepsbt", 1, PsbtRpc::finalizePsbt, "psbt", "extract"));
    }

    private static Psbt decode(String base64) {
        try {
            return Psbt.fromBase64(base64);
        } catch (IllegalArgumentException e) {
            throw new RpcError(Rpc.DESERIALIZATION_ERROR, e.getMessage());
        }
    }

    private static Object walletCreateFundedPsbt(Args a, Call c) {
        LoadedWallet w = c.wallet();
        Map<String, Object> options = a.has(3) ? a.object(3) : Map.of();
        Object replaceable = options.get("replaceable");
        if (replaceable != null && !(replaceable instanceof Boolean)) {
            throw new RpcError(Rpc.TYPE_ERROR, "JSON value of type " + Json.typeName(replaceable)
                    + " for field replaceable is not of expected type bool");
        }
        boolean rbf = replaceable == null || (Boolean) replaceable;
        FundOptions.Inputs given = FundOptions.inputs(a.raw(0), a.has(2) ? a.raw(2) : 0L, rbf);
        if (!a.has(1)) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, arguments 1 and 2 must be non-null");
        }
        List<Map.Entry<String, Object>> outputs = SendRpc.outputs(a.raw(1));
        List<WalletSender.Recipient> recipients = SendRpc.recipients(w, outputs,
                options.get("subtractFeeFromOutputs") instanceof List<?> l ? new ArrayList<>(l) : List.of());
        FundOptions.Funding funding = FundOptions.parse(w, c, options, recipients.size(), given,
                given.outpoints().isEmpty(), true, rbf);
        WalletSender.Funded funded = fund(w, recipients, funding);
        Psbt psbt = unsignedPsbt(w, funded, funded.tx(), a.bool(4, true));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("psbt", psbt.toBase64());
        o.put("fee", Amounts.btc(funded.fee()));
        o.put("changepos", (long) funded.changePosition());
        return o;
    }

    /** Funds under the parsed options and locks the chosen coins when lock_unspents asks (in memory, as Core). */
    static WalletSender.Funded fund(LoadedWallet w, List<WalletSender.Recipient> recipients, FundOptions.Funding f) {
        WalletSender.Funded funded;
        try {
            funded = w.sender().fund(recipients, f.fee(), f.control());
        } catch (org.btcmp.wallet.core.WalletError e) {
            // Core's FundTransaction reports every funding failure as RPC_WALLET_ERROR
            throw new RpcError(Rpc.WALLET_ERROR, e.getMessage());
        }
        if (f.lockUnspents()) {
            for (TxIn in : funded.tx().inputs()) {
                w.sender().lock(new OutPointRef(in.prevout().txid().toString(), (int) in.prevout().index()));
            }
        }
        return funded;
    }

    /**
     * A PSBT of the funded transaction {@code tx} with the output each input spends (witness UTXO) and,
     * with {@code bip32derivs}, where the wallet's keys in it come from.
     */
    static Psbt unsignedPsbt(LoadedWallet w, WalletSender.Funded funded, Transaction tx, boolean bip32derivs) {
        Psbt psbt = Psbt.of(tx);
        for (int i = 0; i < funded.spent().size(); i++) {
            psbt.setWitnessUtxo(i, funded.spent().get(i));
        }
        if (bip32derivs) {
            addDerivations(w, psbt, funded.spent());
        }
        return psbt;
    }

    /** Core's bip32derivs: the origin of each wallet key an input spends from or an output pays to. */
    private static void addDerivations(LoadedWallet w, Psbt psbt, List<TxOut> spent) {
        Transaction tx = psbt.unsignedTx();
        for (int i = 0; i < spent.size(); i++) {
            TxOut prev = spent.get(i);
            if (prev != null && !psbt.isFinalized(i)) {
                int input = i;
                w.wallet().keyOrigin(prev.scriptPubKey()).ifPresent(k -> psbt.addInputDerivation(input, k.pubkey(),
                        k.fingerprint(), k.path(), prev.scriptPubKey().isP2TR()));
            }
        }
        for (int i = 0; i < tx.outputs().size(); i++) {
            org.btcmp.primitives.Script script = tx.outputs().get(i).scriptPubKey();
            int output = i;
            w.wallet().keyOrigin(script).ifPresent(k -> psbt.addOutputDerivation(output, k.pubkey(), k.fingerprint(),
                    k.path(), script.isP2TR()));
        }
    }

    private static Object walletProcessPsbt(Args a, Call c) {
        LoadedWallet w = c.wallet();
        Psbt psbt = decode(a.str(0));
        boolean sign = a.bool(1, true);
        Optional<Integer> requested = a.has(2) ? Optional.of(RawTxRpc.sighash(a.str(2))) : Optional.empty();
        int hashType = requested.orElse(0);
        for (int i = 0; i < psbt.inputCount(); i++) {
            Optional<Integer> stored = psbt.sighashType(i);
            if (stored.isPresent() && requested.isPresent() && !stored.equals(requested)) {
                throw new RpcError(Rpc.DESERIALIZATION_ERROR, "Specified sighash value does not match value stored in PSBT");
            }
            if (stored.isPresent() && requested.isEmpty()) {
                hashType = stored.get(); // the PSBT's creator asked for it
            }
        }
        boolean bip32derivs = a.bool(3, true);
        boolean finalize = a.bool(4, true);
        if (sign) {
            SendRpc.ensureUnlocked(w);
        }
        fill(w, psbt, hashType, sign, bip32derivs);
        boolean complete = finalize ? finalizeAll(psbt) : allFinalized(psbt);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("psbt", psbt.toBase64());
        o.put("complete", complete);
        if (complete && finalize) {
            o.put("hex", HexFormat.of().formatHex(psbt.extract().orElseThrow().toBytes()));
        }
        return o;
    }

    /**
     * Core's FillPSBT for the wallet's input kinds: records what each of the wallet's inputs spends, with
     * {@code bip32derivs} where its keys come from, and with {@code sign} the wallet's signatures.
     */
    static void fill(LoadedWallet w, Psbt psbt, int hashType, boolean sign, boolean bip32derivs) {
        Transaction tx = psbt.unsignedTx();
        List<TxOut> spent = new ArrayList<>();
        for (int i = 0; i < tx.inputs().size(); i++) {
            TxIn in = tx.inputs().get(i);
            Optional<TxOut> given = psbt.witnessUtxo(i);
            Optional<TxOut> prev = given.isPresent() ? given
                    : w.walletTxOutput(in.prevout().txid().toString(), (int) in.prevout().index());
            if (given.isEmpty() && prev.isPresent() && w.wallet().findScript(prev.get().scriptPubKey()).isPresent()) {
                psbt.setWitnessUtxo(i, prev.get()); // the wallet's own input: tell later signers what it spends
            }
            spent.add(prev.orElse(null));
        }
        if (bip32derivs) {
            addDerivations(w, psbt, spent);
        }
        if (sign) {
            Transaction signed = w.signInputs(tx, spent, hashType).getKey();
            for (int i = 0; i < tx.inputs().size(); i++) {
                List<byte[]> witness = signed.inputs().get(i).witness();
                if (psbt.isFinalized(i) || witness.isEmpty()) {
                    continue;
                }
                if (spent.get(i).scriptPubKey().isP2TR()) {
                    psbt.setTapKeySig(i, witness.get(0));
                } else {
                    psbt.addPartialSig(i, witness.get(1), witness.get(0));
                }
            }
        }
    }

    private static Object finalizePsbt(Args a, Call c) {
        Psbt psbt = decode(a.str(0));
        boolean extract = a.bool(1, true);
        boolean complete = finalizeAll(psbt);
        Map<String, Object> o = new LinkedHashMap<>();
        if (complete && extract) {
            o.put("hex", HexFormat.of().formatHex(psbt.extract().orElseThrow().toBytes()));
        } else {
            o.put("psbt", psbt.toBase64());
        }
        o.put("complete", complete);
        return o;
    }

    /** BIP174's finalizer for P2WPKH (one partial signature) and P2TR key path (the key signature). */
    static boolean finalizeAll(Psbt psbt) {
        for (int i = 0; i < psbt.inputCount(); i++) {
            if (psbt.isFinalized(i)) {
                continue;
            }
            Optional<TxOut> prev = psbt.witnessUtxo(i);
            if (prev.isEmpty()) {
                continue;
            }
            if (prev.get().scriptPubKey().isP2TR() && psbt.tapKeySig(i).isPresent()) {
                psbt.finalizeWitness(i, List.of(psbt.tapKeySig(i).get()));
            } else if (prev.get().scriptPubKey().isP2WPKH() && psbt.partialSig(i).isPresent()) {
                Psbt.Entry sig = psbt.partialSig(i).get();
                byte[] pubkey = java.util.Arrays.copyOfRange(sig.key(), 1, sig.key().length);
                psbt.finalizeWitness(i, List.of(sig.value(), pubkey));
            }
        }
        return allFinalized(psbt);
    }

    private static boolean allFinalized(Psbt psbt) {
        for (int i = 0; i < psbt.inputCount(); i++) {
            if (!psbt.isFinalized(i)) {
                return false;
            }
        }
        return true;
    }
}

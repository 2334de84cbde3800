package org.btcmp.wallet.rpc;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.btcmp.interfaces.OutPointRef;
import org.btcmp.interfaces.RpcCommand.RpcError;
import org.btcmp.primitives.ByteReader;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.btcmp.wallet.core.LoadedWallet;
import org.btcmp.wallet.core.WalletSender;

/**
 * Core's fundrawtransaction: the raw transaction's outputs are paid and its inputs kept (first, with
 * their sequences, scriptSigs and witnesses) under Core's FundTransaction options; more coins and a
 * change output are added as needed. Nothing is signed or broadcast.
 */
final class FundRawRpc {
    private FundRawRpc() {
    }

    static List<Command> commands() {
        return List.of(Command.of("fundrawtransaction", 1, FundRawRpc::fundRawTransaction, "hexstring", "options",
                "iswitness"));
    }

    private static Object fundRawTransaction(Args a, Call c) {
        LoadedWallet w = c.wallet();
        Transaction raw = decode(a.str(0), a.has(2) ? a.bool(2, true) : null);
        Map<String, Object> options = a.has(1) ? a.object(1) : Map.of();
        Object subtract = options.get("subtractFeeFromOutputs");
        List<Object> subtractFrom = subtract instanceof List<?> l ? new ArrayList<>(l) : List.of();
        List<WalletSender.Recipient> recipients = recipients(raw, subtractFrom);
        if (recipients.isEmpty()) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "TX must have at least one output");
        }
        Object replaceable = options.get("replaceable");
        boolean rbf = !(replaceable instanceof Boolean b) || b;
        List<OutPointRef> outpoints = new ArrayList<>();
        Map<OutPointRef, Long> sequences = new LinkedHashMap<>();
        for (TxIn in : raw.inputs()) {
            OutPointRef ref = new OutPointRef(in.prevout().txid().toString(), (int) in.prevout().index());
            outpoints.add(ref);
            sequences.put(ref, in.sequence());
        }
        FundOptions.Inputs inputs = new FundOptions.Inputs(outpoints, sequences, Map.of(),
                OptionalLong.of(raw.lockTime()));
        FundOptions.Funding funding = FundOptions.parse(w, c, options, recipients.size(), inputs, true, true, rbf);
        WalletSender.Funded funded = PsbtRpc.fund(w, recipients, funding);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("hex", HexFormat.of().formatHex(keepSignatures(funded.tx(), raw).toBytes()));
        o.put("fee", Amounts.btc(funded.fee()));
        o.put("changepos", (long) funded.changePosition());
        return o;
    }

    /**
     * Core's DecodeHexTx: the extended (witness) form unless {@code isWitness} is false, else or failing
     * that the legacy form, which is how a transaction without inputs (createrawtransaction's) reads.
     */
    private static Transaction decode(String hex, Boolean isWitness) {
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new RpcError(Rpc.DESERIALIZATION_ERROR, "TX decode failed");
        }
        if (!Boolean.FALSE.equals(isWitness)) {
            try {
                return Transaction.fromBytes(bytes);
            } catch (IllegalArgumentException e) { // DecodeException: try the legacy form below
                if (Boolean.TRUE.equals(isWitness)) {
                    throw new RpcError(Rpc.DESERIALIZATION_ERROR, "TX decode failed");
                }
            }
        }
        try {
            ByteReader r = new ByteReader(bytes);
            int version = r.readInt32("transaction version");
            int inputCount = r.readCount("input count", 41);
            List<TxIn> inputs = new ArrayList<>();
            for (int i = 0; i < inputCount; i++) {
                OutPoint prev = new OutPoint(r.readHash("previous txid"), r.readUInt32("previous index"));
                inputs.add(new TxIn(prev, Script.of(r.readVarBytes("input script")), r.readUInt32("input sequence")));
            }
            int outputCount = r.readCount("output count", 9);
            List<TxOut> outputs = new ArrayList<>();
            for (int i = 0; i < outputCount; i++) {
                long value = r.readInt64("output value");
                outputs.add(new TxOut(value, Script.of(r.readVarBytes("output script"))));
            }
            Transaction tx = new Transaction(version, inputs, outputs, r.readUInt32("lock time"));
            if (!r.atEnd()) {
                throw new RpcError(Rpc.DESERIALIZATION_ERROR, "TX decode failed");
            }
            return tx;
        } catch (IllegalArgumentException e) {
            throw new RpcError(Rpc.DESERIALIZATION_ERROR, "TX decode failed");
        }
    }

    /** The raw transaction's outputs as recipients, in order; {@code subtractFrom} names output positions. */
    private static List<WalletSender.Recipient> recipients(Transaction raw, List<Object> subtractFrom) {
        java.util.Set<Long> positions = new java.util.HashSet<>();
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
            if (pos >= raw.outputs().size()) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "Invalid parameter, position too large: " + pos);
            }
        }
        List<WalletSender.Recipient> out = new ArrayList<>();
        for (int i = 0; i < raw.outputs().size(); i++) {
            TxOut o = raw.outputs().get(i);
            out.add(WalletSender.Recipient.toScript(o.scriptPubKey(), o.value(), positions.contains((long) i)));
        }
        return out;
    }

    /** The funded transaction with the raw one's scriptSigs and witnesses back on the inputs it named. */
    private static Transaction keepSignatures(Transaction funded, Transaction raw) {
        List<TxIn> inputs = new ArrayList<>();
        for (TxIn in : funded.inputs()) {
            TxIn kept = in;
            for (TxIn given : raw.inputs()) {
                if (given.prevout().equals(in.prevout())) {
                    kept = new TxIn(in.prevout(), given.scriptSig(), in.sequence(), given.witness());
                }
            }
            inputs.add(kept);
        }
        return new Transaction(funded.version(), inputs, funded.outputs(), funded.lockTime());
    }
}

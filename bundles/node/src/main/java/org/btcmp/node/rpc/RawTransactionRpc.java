package org.btcmp.node.rpc;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.common.json.Json;
import org.btcmp.node.chain.BlockIndex;
import org.btcmp.node.chain.Mempool;
import org.btcmp.node.chain.Package;
import org.btcmp.node.chain.ValidationException;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.Hex;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.btcmp.primitives.script.Address;
import org.btcmp.primitives.script.ScriptAsm;
import org.btcmp.primitives.script.TxJson;

/** Core's raw transaction RPC commands. */
final class RawTransactionRpc {
    /** Core's DEFAULT_MAX_RAW_TX_FEE_RATE: 0.10 BTC/kvB. */
    static final BigDecimal DEFAULT_MAX_FEE_RATE = new BigDecimal("0.10");
    private final NodeContext node;

    private RawTransactionRpc(NodeContext node) {
        this.node = node;
    }

    static void register(RpcTable t, NodeContext node) {
        RawTransactionRpc r = new RawTransactionRpc(node);
        String c = "rawtransactions";
        t.register(new RpcMethod("getrawtransaction", c, List.of("txid", "verbosity", "blockhash"), 1,
                "Return the raw transaction data (mempool, or in the given block).", r::getRaw));
        t.register(new RpcMethod("decoderawtransaction", c, List.of("hexstring", "iswitness"), 1,
                "Return a JSON object representing the serialized, hex-encoded transaction.", r::decode));
        t.register(new RpcMethod("decodescript", c, List.of("hexstring"), 1,
                "Decode a hex-encoded script.", r::decodeScript));
        t.register(new RpcMethod("createrawtransaction", c, List.of("inputs", "outputs", "locktime", "replaceable"), 2,
                "Create a transaction spending the given inputs and creating new outputs.", r::create));
        t.register(new RpcMethod("sendrawtransaction", c, List.of("hexstring", "maxfeerate", "maxburnamount"), 1,
                "Submit a raw transaction (serialized, hex-encoded) to local node and network.", r::send));
        t.register(new RpcMethod("testmempoolaccept", c, List.of("rawtxs", "maxfeerate"), 1,
                "Returns result of mempool acceptance tests indicating if raw transaction(s) would be accepted.",
                r::testAccept));
    }

    static Transaction decodeTx(String hex) throws RpcException {
        try {
            return Transaction.fromHex(hex);
        } catch (DecodeException e) {
            throw new RpcException(RpcException.DESERIALIZATION_ERROR,
                    "TX decode failed. Make sure the tx has at least one input.");
        }
    }

    private Object getRaw(Params p) throws RpcException {
        Hash256 txid = p.hash(0, "txid");
        long verbosity = 0;
        if (p.has(1)) {
            verbosity = p.raw(1) instanceof Boolean b ? (b ? 1 : 0) : p.integer(1);
        }
        Transaction tx = null;
        BlockIndex in = null;
        if (p.has(2)) {
            in = node.chain().lookup(p.hash(2, "blockhash"));
            if (in == null) {
                throw new RpcException(RpcException.INVALID_ADDRESS_OR_KEY, "Block hash not found");
            }
            try {
                Block b = node.chain().readBlock(in);
                tx = b.transactions().stream().filter(t -> t.txid().equals(txid)).findFirst().orElse(null);
            } catch (IOException e) {
                throw new RpcException(RpcException.MISC_ERROR, "Block not available");
            }
            if (tx == null) {
                throw new RpcException(RpcException.INVALID_ADDRESS_OR_KEY,
                        "No such transaction found in the provided block. Use gettransaction for wallet transactions.");
            }
        } else {
            Mempool.Entry e = node.mempool().get(txid);
            if (e != null) {
                tx = e.tx();
            } else if (node.chain().hasTxIndex()) {
                in = indexed(txid);
                tx = in == null ? null : findIn(in, txid);
                if (tx == null) {
                    throw new RpcException(RpcException.INVALID_ADDRESS_OR_KEY,
                            "No such mempool or blockchain transaction. Use gettransaction for wallet transactions.");
                }
            } else {
                throw new RpcException(RpcException.INVALID_ADDRESS_OR_KEY, "No such mempool transaction. Use -txindex"
                        + " or provide a block hash to enable blockchain transaction queries. Use gettransaction for"
                        + " wallet transactions.");
            }
        }
        if (verbosity == 0) {
            return Hex.encode(tx.toBytes());
        }
        Map<String, Object> m = TxJson.decoded(tx, node.params());
        m.put("hex", Hex.encode(tx.toBytes()));
        if (in != null) {
            boolean active = node.chain().isActive(in);
            if (p.has(2)) {
                m.put("in_active_chain", active);
            }
            m.put("blockhash", in.hash().toString());
            m.put("confirmations", (long) (active ? node.chain().height() - in.height() + 1 : 0));
            m.put("time", in.header().time());
            m.put("blocktime", in.header().time());
        }
        return m;
    }

    private BlockIndex indexed(Hash256 txid) throws RpcException {
        try {
            return node.chain().txIndexLookup(txid);
        } catch (IOException e) {
            throw new RpcException(RpcException.DATABASE_ERROR, e.getMessage());
        }
    }

    private Transaction findIn(BlockIndex b, Hash256 txid) throws RpcException {
        try {
            return node.chain().readBlock(b).transactions().stream().filter(t -> t.txid().equals(txid)).findFirst()
                    .orElse(null);
        } catch (IOException e) {
            throw new RpcException(RpcException.MISC_ERROR, "Block not available");
        }
    }

    private Object decode(Params p) throws RpcException {
        return TxJson.decoded(decodeTx(p.str(0)), node.params());
    }

    private Object decodeScript(Params p) throws RpcException {
        Script s = Script.of(p.hex(0, "argument"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("asm", ScriptAsm.toAsm(s));
        m.put("type", TxJson.scriptType(s));
        Address.fromScript(s, node.params()).ifPresent(a -> m.put("address", a));
        if (!s.isP2SH() && !s.isWitnessProgram()) {
            m.put("p2sh", Address.fromScript(ScriptBuilder.p2sh(org.btcmp.primitives.Hashes.hash160(s.bytes())),
                    node.params()).orElseThrow());
        }
        return m;
    }

    private Object create(Params p) throws RpcException {
        List<TxIn> inputs = new ArrayList<>();
        boolean rbf = p.bool(3, true);
        long lockTime = p.integer(2, 0);
        if (lockTime < 0 || lockTime > 0xffffffffL) {
            throw new RpcException(RpcException.INVALID_PARAMETER, "Invalid parameter, locktime out of range");
        }
        for (Object o : p.array(0)) {
            if (!(o instanceof Map<?, ?> in)) {
                throw new RpcException(RpcException.TYPE_ERROR, "JSON value of type " + Json.typeName(o)
                        + " is not of expected type object");
            }
            if (!(in.get("txid") instanceof String txid)) {
                throw new RpcException(RpcException.INVALID_PARAMETER, "Invalid parameter, missing txid key");
            }
            if (!(in.get("vout") instanceof Long vout)) {
                throw new RpcException(RpcException.INVALID_PARAMETER, "Invalid parameter, missing vout key");
            }
            if (vout < 0) {
                throw new RpcException(RpcException.INVALID_PARAMETER, "Invalid parameter, vout cannot be negative");
            }
            long seq = rbf ? 0xfffffffdL : lockTime != 0 ? 0xfffffffeL : 0xffffffffL;
            if (in.get("sequence") instanceof Long s) {
                if (s < 0 || s > 0xffffffffL) {
                    throw new RpcException(RpcException.INVALID_PARAMETER,
                            "Invalid parameter, sequence number is out of range");
                }
                seq = s;
            }
            inputs.add(new TxIn(new OutPoint(Params.parseHash(txid, "txid"), vout), Script.EMPTY, seq));
        }
        List<TxOut> outputs = new ArrayList<>();
        List<Map<String, Object>> outList = new ArrayList<>();
        Object raw = p.raw(1);
        if (raw instanceof Map<?, ?> m) {
            outList.add(castMap(m));
        } else if (raw instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof Map<?, ?> m)) {
                    throw new RpcException(RpcException.INVALID_PARAMETER,
                            "Invalid parameter, key-value pair must contain exactly one key");
                }
                outList.add(castMap(m));
            }
        } else {
            throw new RpcException(RpcException.TYPE_ERROR, "JSON value of type " + Json.typeName(raw)
                    + " is not of expected type array");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Map<String, Object> m : outList) {
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (e.getKey().equals("data")) {
                    byte[] data;
                    try {
                        data = Hex.decode(String.valueOf(e.getValue()));
                    } catch (DecodeException ex) {
                        throw new RpcException(RpcException.INVALID_PARAMETER, "Data must be hexadecimal string");
                    }
                    outputs.add(new TxOut(0, ScriptBuilder.opReturn(data)));
                    continue;
                }
                if (!seen.add(e.getKey())) {
                    throw new RpcException(RpcException.INVALID_PARAMETER,
                            "Invalid parameter, duplicated address: " + e.getKey());
                }
                Script s;
                try {
                    s = Address.toScript(e.getKey(), node.params());
                } catch (DecodeException ex) {
                    throw new RpcException(RpcException.INVALID_ADDRESS_OR_KEY,
                            "Invalid Bitcoin address: " + e.getKey());
                }
                outputs.add(new TxOut(RpcJson.satoshis(new Params(List.of(e.getValue()), "/").number(0)), s));
            }
        }
        return Hex.encode(new Transaction(2, inputs, outputs, lockTime).toBytes());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private long maxFeeRate(Params p, int i) throws RpcException {
        BigDecimal rate = p.has(i) ? p.number(i) : DEFAULT_MAX_FEE_RATE;
        return RpcJson.satoshis(rate);
    }

    private Object send(Params p) throws RpcException {
        Transaction tx = decodeTx(p.str(0));
        long maxRate = maxFeeRate(p, 1);
        long maxBurn = p.has(2) ? RpcJson.satoshis(p.number(2)) : 0;
        for (TxOut o : tx.outputs()) {
            if (o.scriptPubKey().isUnspendable() && o.value() > maxBurn) {
                throw new RpcException(RpcException.VERIFY_ERROR, "Unspendable output exceeds maximum configured by"
                        + " user (maxburnamount)");
            }
        }
        if (node.mempool().contains(tx.txid())) {
            return tx.txid().toString();
        }
        try {
            Mempool.Entry e = node.mempool().accept(tx, true);
            if (maxRate > 0 && e.fee() > maxRate * e.vsize() / 1000) {
                throw new RpcException(RpcException.VERIFY_ERROR,
                        "Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)");
            }
            node.mempool().accept(tx, false);
        } catch (ValidationException e) {
            switch (e.reason()) {
                case "missing-inputs" -> throw new RpcException(RpcException.VERIFY_ERROR,
                        "bad-txns-inputs-missingorspent");
                case "txn-already-known" -> throw new RpcException(RpcException.VERIFY_ALREADY_IN_CHAIN,
                        "Transaction outputs already in utxo set");
                default -> throw new RpcException(RpcException.VERIFY_REJECTED, e.getMessage());
            }
        }
        return tx.txid().toString();
    }

    /**
     * Core's testmempoolaccept: one transaction alone (replacements allowed), several as a package
     * (Mempool.testPackage). A package-wide verdict shows on every transaction as "package-error";
     * transactions validation did not reach show only their ids.
     */
    private Object testAccept(Params p) throws RpcException {
        List<Object> raws = p.array(0);
        if (raws.isEmpty() || raws.size() > Package.MAX_COUNT) {
            throw new RpcException(RpcException.INVALID_PARAMETER, "Array must contain between 1 and "
                    + Package.MAX_COUNT + " transactions.");
        }
        long maxRate = maxFeeRate(p, 1);
        List<Transaction> txs = new ArrayList<>();
        for (Object o : raws) {
            if (!(o instanceof String hex)) {
                throw new RpcException(RpcException.TYPE_ERROR, "JSON value of type " + Json.typeName(o)
                        + " is not of expected type string");
            }
            txs.add(decodeTx(hex));
        }
        Package.Result result = txs.size() == 1 ? testAlone(txs.get(0)) : node.mempool().testPackage(txs);
        List<Object> out = new ArrayList<>();
        boolean stopped = false;
        for (Transaction tx : txs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("txid", tx.txid().toString());
            m.put("wtxid", tx.wtxid().toString());
            if (result.packageError() != null) {
                m.put("package-error", result.packageError());
            }
            Package.TxResult r = result.results().get(tx.wtxid());
            if (!stopped && r != null) {
                stopped = describe(r, maxRate, m);
            }
            out.add(m);
        }
        return out;
    }

    private Package.Result testAlone(Transaction tx) {
        Package.TxResult r;
        try {
            r = Package.TxResult.accepted(node.mempool().accept(tx, true));
        } catch (ValidationException e) {
            r = Package.TxResult.failed(e);
        }
        return new Package.Result(null, Map.of(tx.wtxid(), r));
    }

    /** Fills one testmempoolaccept verdict; true when it exceeds maxfeerate, which ends the report. */
    private static boolean describe(Package.TxResult r, long maxRate, Map<String, Object> m) {
        if (!r.accepted()) {
            m.put("allowed", false);
            m.put("reject-reason", r.failure().reason());
            if (!r.failure().reason().equals("missing-inputs")) {
                m.put("reject-details", r.failure().getMessage());
            }
            return false;
        }
        Mempool.Entry e = r.entry();
        if (maxRate > 0 && e.fee() > maxRate * e.vsize() / 1000) {
            m.put("allowed", false);
            m.put("reject-reason", "max-fee-exceeded");
            return true;
        }
        m.put("allowed", true);
        m.put("vsize", (long) e.vsize());
        Map<String, Object> fees = new LinkedHashMap<>();
        fees.put("base", RpcJson.amount(e.fee()));
        // Without package feerates (as Core's test of a package), the effective rate is the transaction's own.
        fees.put("effective-feerate", RpcJson.amount(e.fee() * 1000 / e.vsize()));
        fees.put("effective-includes", List.of(e.tx().wtxid().toString()));
        m.put("fees", fees);
        return false;
    }
}

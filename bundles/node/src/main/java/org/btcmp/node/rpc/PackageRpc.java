package org.btcmp.node.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.common.json.Json;
import org.btcmp.node.chain.Package;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxOut;

/** Core's submitpackage: a child with its parents, its fee able to carry theirs. */
final class PackageRpc {
    private final NodeContext node;

    private PackageRpc(NodeContext node) {
        this.node = node;
    }

    static void register(RpcTable t, NodeContext node) {
        PackageRpc r = new PackageRpc(node);
        t.register(new RpcMethod("submitpackage", "rawtransactions", List.of("package", "maxfeerate", "maxburnamount"),
                1, "Submit a package of raw transactions (serialized, hex-encoded) to local node.", r::submit));
    }

    private Object submit(Params p) throws RpcException {
        List<Object> raws = p.array(0);
        if (raws.isEmpty() || raws.size() > Package.MAX_COUNT) {
            throw new RpcException(RpcException.INVALID_PARAMETER, "Array must contain between 1 and "
                    + Package.MAX_COUNT + " transactions.");
        }
        long maxRate = RpcJson.satoshis(p.has(1) ? p.number(1) : RawTransactionRpc.DEFAULT_MAX_FEE_RATE);
        long maxBurn = p.has(2) ? RpcJson.satoshis(p.number(2)) : 0;
        List<Transaction> txs = new ArrayList<>();
        for (Object o : raws) {
            if (!(o instanceof String hex)) {
                throw new RpcException(RpcException.TYPE_ERROR, "JSON value of type " + Json.typeName(o)
                        + " is not of expected type string");
            }
            Transaction tx;
            try {
                tx = Transaction.fromHex(hex);
            } catch (DecodeException e) {
                throw new RpcException(RpcException.DESERIALIZATION_ERROR, "TX decode failed: " + hex
                        + " Make sure the tx has at least one input.");
            }
            for (TxOut out : tx.outputs()) {
                if (out.scriptPubKey().isUnspendable() && out.value() > maxBurn) {
                    throw new RpcException(RpcException.VERIFY_ERROR,
                            "Unspendable output exceeds maximum configured by user (maxburnamount)");
                }
            }
            txs.add(tx);
        }
        if (txs.size() > 1 && !(Package.isChildWithParents(txs) && Package.parentsIndependent(txs))) {
            throw new RpcException(RpcException.VERIFY_ERROR,
                    "package topology disallowed. not child-with-parents or parents depend on each other.");
        }
        Package.Result result = node.mempool().submitPackage(txs, maxRate);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("package_msg", result.packageError() == null ? "success" : result.packageError());
        Map<String, Object> perTx = new LinkedHashMap<>();
        for (Transaction tx : txs) {
            Package.TxResult r = result.results().get(tx.wtxid());
            if (r != null) {
                perTx.put(tx.wtxid().toString(), describe(tx, r));
            }
        }
        out.put("tx-results", perTx);
        out.put("replaced-transactions", result.replaced().stream().map(Hash256::toString).toList());
        return out;
    }

    private static Map<String, Object> describe(Transaction tx, Package.TxResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("txid", tx.txid().toString());
        if (!r.accepted()) {
            m.put("error", r.failure().getMessage());
            return m;
        }
        if (r.alreadyInMempool() && !r.entry().tx().wtxid().equals(tx.wtxid())) {
            m.put("other-wtxid", r.entry().tx().wtxid().toString());
            return m;
        }
        m.put("vsize", (long) r.entry().vsize());
        Map<String, Object> fees = new LinkedHashMap<>();
        fees.put("base", RpcJson.amount(r.entry().fee()));
        if (!r.alreadyInMempool()) {
            fees.put("effective-feerate", RpcJson.amount(r.effectiveFee() * 1000 / r.effectiveVsize()));
            fees.put("effective-includes", r.effectiveIncludes().stream().map(Hash256::toString).toList());
        }
        m.put("fees", fees);
        return m;
    }
}

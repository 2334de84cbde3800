package org.btcmp.node.rpc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.node.chain.ChainState;
import org.btcmp.node.chain.Miner;
import org.btcmp.node.chain.ValidationException;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.Hex;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.script.Address;

/** Core's mining and generating RPC commands. */
final class MiningRpc {
    private final NodeContext node;

    private MiningRpc(NodeContext node) {
        this.node = node;
    }

    static void register(RpcTable t, NodeContext node) {
        MiningRpc r = new MiningRpc(node);
        t.register(new RpcMethod("generatetoaddress", "generating", List.of("nblocks", "address", "maxtries"), 2,
                "Mine blocks immediately to a specified address (before the RPC call returns).", r::generateToAddress));
        t.register(new RpcMethod("generateblock", "generating", List.of("output", "transactions", "submit"), 2,
                "Mine a set of ordered transactions to a specified address and return the block hash.",
                r::generateBlock));
        t.register(new RpcMethod("submitblock", "mining", List.of("hexdata", "dummy"), 1,
                "Attempts to submit new block to network.", r::submitBlock));
        t.register(new RpcMethod("getblocktemplate", "mining", List.of("template_request"), 0,
                "Returns data needed to construct a block to work on (BIP 22, 23, 9, 145).", r::blockTemplate));
        t.register(new RpcMethod("getmininginfo", "mining", List.of(), 0,
                "Returns a json object containing mining-related information.", p -> r.miningInfo()));
    }

    private Script payout(String address) throws RpcException {
        try {
            return Address.toScript(address, node.params());
        } catch (DecodeException e) {
            throw new RpcException(RpcException.INVALID_ADDRESS_OR_KEY, "Error: Invalid address");
        }
    }

    private Object generateToAddress(Params p) throws RpcException {
        long n = p.integer(0);
        Script script = payout(p.str(1));
        List<Object> hashes = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            try {
                hashes.add(node.miner().generate(script, null).toString());
            } catch (ValidationException e) {
                throw new RpcException(RpcException.INTERNAL_ERROR, "ProcessNewBlock, block not accepted: "
                        + e.getMessage());
            } catch (IOException e) {
                throw new RpcException(RpcException.DATABASE_ERROR, e.getMessage());
            }
        }
        return hashes;
    }

    private Object generateBlock(Params p) throws RpcException {
        Script script = payout(p.str(0));
        List<Transaction> txs = new ArrayList<>();
        for (Object o : p.array(1)) {
            if (!(o instanceof String s)) {
                throw new RpcException(RpcException.TYPE_ERROR, "transactions must be strings");
            }
            if (Hex.isHex(s) && s.length() == 64) {
                var e = node.mempool().get(Hash256.fromHex(s));
                if (e == null) {
                    throw new RpcException(RpcException.INVALID_ADDRESS_OR_KEY, "Transaction " + s + " not in mempool.");
                }
                txs.add(e.tx());
            } else {
                try {
                    txs.add(Transaction.fromHex(s));
                } catch (DecodeException e) {
                    throw new RpcException(RpcException.DESERIALIZATION_ERROR, "Transaction decode failed for " + s
                            + ". Make sure the tx has at least one input.");
                }
            }
        }
        boolean submit = p.bool(2, true);
        ChainState chain = node.chain();
        synchronized (chain) {
            Block block = Miner.solve(node.miner().template(script, txs));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hash", block.hash().toString());
            if (!submit) {
                m.put("hex", Hex.encode(block.toBytes()));
                return m;
            }
            try {
                chain.processBlock(block);
            } catch (ValidationException e) {
                throw new RpcException(RpcException.VERIFY_ERROR, "TestBlockValidity failed: " + e.getMessage());
            } catch (IOException e) {
                throw new RpcException(RpcException.DATABASE_ERROR, e.getMessage());
            }
            if (chain.isInvalid(block.hash())) {
                throw new RpcException(RpcException.VERIFY_ERROR, "TestBlockValidity failed: "
                        + chain.failureReason(block.hash()));
            }
            return m;
        }
    }

    private Object submitBlock(Params p) throws RpcException {
        Block block;
        try {
            block = Block.fromBytes(p.hex(0, "hexdata"));
        } catch (DecodeException e) {
            throw new RpcException(RpcException.DESERIALIZATION_ERROR, "Block decode failed");
        }
        if (block.transactions().isEmpty() || !block.transactions().get(0).isCoinbase()) {
            throw new RpcException(RpcException.DESERIALIZATION_ERROR, "Block does not start with a coinbase");
        }
        try {
            ChainState.Outcome o = node.chain().processBlock(block);
            if (node.chain().isInvalid(block.hash())) {
                return node.chain().failureReason(block.hash());
            }
            return switch (o) {
                case DUPLICATE -> "duplicate";
                case DUPLICATE_INVALID -> "duplicate-invalid";
                case INCONCLUSIVE -> "inconclusive";
                default -> null;
            };
        } catch (ValidationException e) {
            return e.reason();
        } catch (IOException e) {
            throw new RpcException(RpcException.DATABASE_ERROR, e.getMessage());
        }
    }

    private Object blockTemplate(Params p) throws RpcException {
        Map<String, Object> request = p.has(0) ? p.object(0) : Map.of();
        Object mode = request.getOrDefault("mode", "template");
        if (!"template".equals(mode)) {
            throw new RpcException(RpcException.INVALID_PARAMETER, "Invalid mode");
        }
        Object rules = request.get("rules");
        if (!(rules instanceof List<?> l) || !l.contains("segwit")) {
            throw new RpcException(RpcException.INVALID_PARAMETER, "getblocktemplate must be called with the segwit"
                    + " rule set (call with {\"rules\": [\"segwit\"]})");
        }
        ChainState chain = node.chain();
        synchronized (chain) {
            Block block = node.miner().template(Script.EMPTY, null);
            Transaction coinbase = block.transactions().get(0);
            var tip = chain.tip();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("capabilities", List.of("proposal"));
            m.put("version", (long) block.header().version());
            m.put("rules", List.of("csv", "!segwit", "taproot"));
            m.put("vbavailable", new LinkedHashMap<>());
            m.put("vbrequired", 0L);
            m.put("previousblockhash", tip.hash().toString());
            List<Object> txs = new ArrayList<>();
            Map<Hash256, Long> position = new java.util.HashMap<>();
            for (int i = 1; i < block.transactions().size(); i++) {
                Transaction tx = block.transactions().get(i);
                position.put(tx.txid(), (long) i);
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("data", Hex.encode(tx.toBytes()));
                e.put("txid", tx.txid().toString());
                e.put("hash", tx.wtxid().toString());
                List<Object> depends = new ArrayList<>();
                tx.inputs().forEach(in -> {
                    Long at = position.get(in.prevout().txid());
                    if (at != null && !depends.contains(at)) {
                        depends.add(at);
                    }
                });
                e.put("depends", depends);
                var entry = node.mempool().get(tx.txid());
                e.put("fee", entry == null ? 0L : entry.fee());
                e.put("weight", (long) tx.weight());
                txs.add(e);
            }
            m.put("transactions", txs);
            m.put("coinbaseaux", new LinkedHashMap<>());
            m.put("coinbasevalue", coinbase.outputs().get(0).value());
            m.put("longpollid", tip.hash() + Integer.toString(node.mempool().size()));
            m.put("target", RpcJson.target(block.header().bits()));
            m.put("mintime", tip.medianTimePast() + 1);
            m.put("mutable", List.of("time", "transactions", "prevblock"));
            m.put("noncerange", "00000000ffffffff");
            m.put("sigoplimit", 80_000L);
            m.put("sizelimit", 4_000_000L);
            m.put("weightlimit", 4_000_000L);
            m.put("curtime", block.header().time());
            m.put("bits", String.format("%08x", block.header().bits()));
            m.put("height", (long) tip.height() + 1);
            m.put("default_witness_commitment", coinbase.outputs().get(coinbase.outputs().size() - 1)
                    .scriptPubKey().toHex());
            return m;
        }
    }

    private Object miningInfo() {
        ChainState chain = node.chain();
        var tip = chain.tip();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("blocks", (long) tip.height());
        m.put("bits", String.format("%08x", tip.header().bits()));
        m.put("difficulty", RpcJson.difficulty(tip.header().bits()));
        m.put("target", RpcJson.target(tip.header().bits()));
        m.put("networkhashps", java.math.BigDecimal.ZERO);
        m.put("pooledtx", (long) node.mempool().size());
        m.put("blockmintxfee", RpcJson.amount(1));
        m.put("chain", node.params().network().chainName());
        long nextBits = node.miner().nextBits();
        Map<String, Object> next = new LinkedHashMap<>();
        next.put("height", (long) tip.height() + 1);
        next.put("bits", String.format("%08x", nextBits));
        next.put("difficulty", RpcJson.difficulty(nextBits));
        next.put("target", RpcJson.target(nextBits));
        m.put("next", next);
        m.put("warnings", List.of());
        return m;
    }
}

package org.btcmp.node.rpc;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.btcmp.node.chain.BlockIndex;
import org.btcmp.node.chain.ChainState;
import org.btcmp.node.chain.Coin;
import org.btcmp.node.chain.Mempool;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.ByteWriter;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.Hashes;
import org.btcmp.primitives.Hex;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxOut;
import org.btcmp.primitives.script.TxJson;

/** Core's blockchain RPC family for what this node keeps. */
final class BlockchainRpc {
    private final NodeContext node;
    private final ChainState chain;

    private BlockchainRpc(NodeContext node) {
        this.node = node;
        this.chain = node.chain();
    }

    static void register(RpcTable t, NodeContext node) {
        BlockchainRpc r = new BlockchainRpc(node);
        String c = "blockchain";
        t.register(new RpcMethod("getblockchaininfo", c, List.of(), 0,
                "Returns an object containing various state info regarding blockchain processing.", p -> r.info()));
        t.register(new RpcMethod("getblockcount", c, List.of(), 0,
                "Returns the height of the most-work fully-validated chain.", p -> (long) r.chain.height()));
        t.register(new RpcMethod("getbestblockhash", c, List.of(), 0,
                "Returns the hash of the best (tip) block in the most-work fully-validated chain.",
                p -> r.chain.tip().hash().toString()));
        t.register(new RpcMethod("getblockhash", c, List.of("height"), 1,
                "Returns hash of block in best-block-chain at height provided.", r::blockHash));
        t.register(new RpcMethod("getblock", c, List.of("blockhash", "verbosity"), 1,
                "Returns block data at the given verbosity (0 hex, 1 json, 2 json with transactions).", r::block));
        t.register(new RpcMethod("getblockheader", c, List.of("blockhash", "verbose"), 1,
                "Returns information about the block header.", r::blockHeader));
        t.register(new RpcMethod("getchaintips", c, List.of(), 0,
                "Return information about all known tips in the block tree.", p -> r.chainTips()));
        t.register(new RpcMethod("getdifficulty", c, List.of(), 0,
                "Returns the proof-of-work difficulty as a multiple of the minimum difficulty.",
                p -> RpcJson.difficulty(r.chain.tip().header().bits())));
        t.register(new RpcMethod("gettxout", c, List.of("txid", "n", "include_mempool"), 2,
                "Returns details about an unspent transaction output.", r::txOut));
        t.register(new RpcMethod("gettxoutsetinfo", c, List.of("hash_type", "hash_or_height", "use_index"), 0,
                "Returns statistics about the unspent transaction output set.", p -> r.txOutSetInfo()));
        t.register(new RpcMethod("getmempoolinfo", c, List.of(), 0,
                "Returns details on the active state of the TX memory pool.", p -> r.mempoolInfo()));
        t.register(new RpcMethod("getrawmempool", c, List.of("verbose", "mempool_sequence"), 0,
                "Returns all transaction ids in memory pool.", r::rawMempool));
        t.register(new RpcMethod("getmempoolentry", c, List.of("txid"), 1,
                "Returns mempool data for given transaction.", r::mempoolEntry));
        t.register(new RpcMethod("savemempool", c, List.of(), 0,
                "Dumps the mempool to disk. It will fail until the previous dump is fully loaded.", p -> r.saveMempool()));
        t.register(new RpcMethod("invalidateblock", c, List.of("blockhash"), 1,
                "Permanently marks a block as invalid, as if it violated a consensus rule.", r::invalidate));
        t.register(new RpcMethod("reconsiderblock", c, List.of("blockhash"), 1,
                "Removes invalidity status of a block, its ancestors and its descendants.", r::reconsider));
    }

    private Map<String, Object> info() {
        BlockIndex tip = chain.tip();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chain", node.params().network().chainName());
        m.put("blocks", (long) tip.height());
        m.put("headers", (long) chain.allBlocks().stream().mapToInt(BlockIndex::height).max().orElse(0));
        m.put("bestblockhash", tip.hash().toString());
        m.put("bits", String.format("%08x", tip.header().bits()));
        m.put("target", RpcJson.target(tip.header().bits()));
        m.put("difficulty", RpcJson.difficulty(tip.header().bits()));
        m.put("time", tip.header().time());
        m.put("mediantime", tip.medianTimePast());
        m.put("verificationprogress", BigDecimal.ONE);
        m.put("initialblockdownload", chain.isInitialBlockDownload());
        String work = tip.chainWork().toString(16);
        m.put("chainwork", "0".repeat(64 - work.length()) + work);
        m.put("size_on_disk", 0L);
        m.put("pruned", false);
        m.put("warnings", List.of());
        return m;
    }

    private Object blockHash(Params p) throws RpcException {
        long h = p.integer(0);
        BlockIndex b = h > Integer.MAX_VALUE ? null : chain.atHeight((int) h);
        if (b == null) {
            throw new RpcException(RpcException.INVALID_PARAMETER, "Block height out of range");
        }
        return b.hash().toString();
    }

    private BlockIndex lookup(Hash256 h) throws RpcException {
        BlockIndex b = chain.lookup(h);
        if (b == null) {
            throw new RpcException(RpcException.INVALID_ADDRESS_OR_KEY, "Block not found");
        }
        return b;
    }

    private Block read(BlockIndex b) throws RpcException {
        try {
            return chain.readBlock(b);
        } catch (IOException e) {
            throw new RpcException(RpcException.MISC_ERROR, "Block not available (" + e.getMessage() + ")");
        }
    }

    private Object block(Params p) throws RpcException {
        BlockIndex b = lookup(p.hash(0, "blockhash"));
        long verbosity = 1;
        if (p.has(1)) {
            verbosity = p.raw(1) instanceof Boolean v ? (v ? 1 : 0) : p.integer(1);
        }
        Block block = read(b);
        if (verbosity <= 0) {
            return Hex.encode(block.toBytes());
        }
        Map<String, Object> m = RpcJson.header(chain, b);
        m.put("strippedsize", (long) block.serialize(false).length);
        m.put("size", (long) block.totalSize());
        m.put("weight", (long) block.weight());
        List<Object> txs = new ArrayList<>();
        Map<OutPoint, TxOut> spentHere = verbosity >= 2 ? spentOutputs(block, b) : Map.of();
        for (Transaction tx : block.transactions()) {
            if (verbosity == 1) {
                txs.add(tx.txid().toString());
            } else {
                Map<String, Object> j = TxJson.decoded(tx, node.params());
                if (!tx.isCoinbase() && !spentHere.isEmpty()) {
                    long in = 0;
                    for (var i : tx.inputs()) {
                        TxOut o = spentHere.get(i.prevout());
                        in += o == null ? 0 : o.value();
                    }
                    j.put("fee", RpcJson.amount(in - tx.outputs().stream().mapToLong(TxOut::value).sum()));
                }
                j.put("hex", Hex.encode(tx.toBytes()));
                txs.add(j);
            }
        }
        m.put("tx", txs);
        return m;
    }

    /** The outputs a block's transactions spend, from the block itself and its ancestors' blocks. */
    private Map<OutPoint, TxOut> spentOutputs(Block block, BlockIndex b) throws RpcException {
        Map<OutPoint, TxOut> out = new java.util.HashMap<>();
        Set<Hash256> wanted = new HashSet<>();
        for (Transaction tx : block.transactions()) {
            if (!tx.isCoinbase()) {
                tx.inputs().forEach(i -> wanted.add(i.prevout().txid()));
            }
        }
        for (Transaction tx : block.transactions()) {
            addOutputs(tx, wanted, out);
        }
        // Walk back through ancestors until every spent transaction is found (regtest chains are short).
        for (BlockIndex x = b.prev(); x != null && !wanted.isEmpty(); x = x.prev()) {
            for (Transaction tx : read(x).transactions()) {
                addOutputs(tx, wanted, out);
            }
        }
        return out;
    }

    private static void addOutputs(Transaction tx, Set<Hash256> wanted, Map<OutPoint, TxOut> out) {
        if (wanted.remove(tx.txid())) {
            for (int i = 0; i < tx.outputs().size(); i++) {
                out.put(new OutPoint(tx.txid(), i), tx.outputs().get(i));
            }
        }
    }

    private Object blockHeader(Params p) throws RpcException {
        BlockIndex b = lookup(p.hash(0, "blockhash"));
        if (!p.bool(1, true)) {
            return Hex.encode(b.header().toBytes());
        }
        return RpcJson.header(chain, b);
    }

    private Object chainTips() {
        List<BlockIndex> all = chain.allBlocks();
        Set<BlockIndex> parents = new HashSet<>();
        all.forEach(b -> {
            if (b.prev() != null) {
                parents.add(b.prev());
            }
        });
        List<Object> tips = new ArrayList<>();
        all.stream().filter(b -> !parents.contains(b) || b == chain.tip())
                .sorted(Comparator.comparingInt(BlockIndex::height).reversed()).forEach(b -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("height", (long) b.height());
                    m.put("hash", b.hash().toString());
                    BlockIndex fork = b;
                    while (!chain.isActive(fork)) {
                        fork = fork.prev();
                    }
                    m.put("branchlen", (long) (b.height() - fork.height()));
                    String status = chain.isActive(b) ? "active" : b.isInvalid() ? "invalid" : "valid-fork";
                    m.put("status", status);
                    tips.add(m);
                });
        return tips;
    }

    private Object txOut(Params p) throws RpcException {
        OutPoint o = new OutPoint(p.hash(0, "txid"), p.integer(1));
        boolean mempool = p.bool(2, true);
        TxOut out;
        long confirmations;
        boolean coinbase;
        Coin c = chain.coin(o);
        if (mempool && node.mempool().isSpentInMempool(o)) {
            return null;
        }
        if (c != null) {
            out = c.output();
            confirmations = chain.height() - c.height() + 1;
            coinbase = c.coinbase();
        } else if (mempool && (out = node.mempool().mempoolOutput(o)) != null) {
            confirmations = 0;
            coinbase = false;
        } else {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bestblock", chain.tip().hash().toString());
        m.put("confirmations", confirmations);
        m.put("value", RpcJson.amount(out.value()));
        m.put("scriptPubKey", TxJson.scriptPubKey(out.scriptPubKey(), node.params()));
        m.put("coinbase", coinbase);
        return m;
    }

    private Object txOutSetInfo() throws RpcException {
        java.security.MessageDigest sha = sha256();
        long[] totals = new long[3];
        Set<Hash256> txs = new HashSet<>();
        BlockIndex tip;
        synchronized (chain) {
            tip = chain.tip();
            try {
                chain.forEachCoin((o, c) -> {
                    sha.update(new ByteWriter(64).writeBytes(o.toBytes())
                            .writeUInt32(((long) c.height() << 1) + (c.coinbase() ? 1 : 0))
                            .writeInt64(c.output().value()).writeVarBytes(c.output().scriptPubKey().bytes())
                            .toByteArray());
                    totals[0]++;
                    totals[1] += c.output().value();
                    totals[2] += 32 + 4 + 4 + 8 + 2 + c.output().scriptPubKey().length();
                    txs.add(o.txid());
                });
            } catch (IOException e) {
                throw new RpcException(RpcException.DATABASE_ERROR, "Unable to read UTXO set: " + e.getMessage());
            }
        }
        byte[] hash = Hashes.sha256(sha.digest());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("height", (long) tip.height());
        m.put("bestblock", tip.hash().toString());
        m.put("txouts", totals[0]);
        m.put("bogosize", totals[2]);
        m.put("hash_serialized_3", Hash256.wrap(hash).toString());
        m.put("total_amount", RpcJson.amount(totals[1]));
        m.put("transactions", (long) txs.size());
        m.put("disk_size", 0L);
        return m;
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private Object mempoolInfo() {
        Mempool mp = node.mempool();
        List<Mempool.Entry> entries = mp.entries();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loaded", mp.isLoaded());
        m.put("size", (long) entries.size());
        m.put("bytes", entries.stream().mapToLong(Mempool.Entry::vsize).sum());
        m.put("usage", entries.stream().mapToLong(Mempool.Entry::usage).sum());
        m.put("total_fee", RpcJson.amount(entries.stream().mapToLong(Mempool.Entry::fee).sum()));
        m.put("maxmempool", mp.maxBytes());
        m.put("mempoolminfee", RpcJson.amount(Math.max(mp.minFeePerKvB(), Mempool.MIN_RELAY_FEE_PER_KVB)));
        m.put("minrelaytxfee", RpcJson.amount(Mempool.MIN_RELAY_FEE_PER_KVB));
        m.put("incrementalrelayfee", RpcJson.amount(Mempool.INCREMENTAL_RELAY_FEE_PER_KVB));
        m.put("unbroadcastcount", 0L);
        m.put("fullrbf", true);
        return m;
    }

    private Object saveMempool() throws RpcException {
        if (!node.mempool().isLoaded()) {
            throw new RpcException(RpcException.MISC_ERROR, "The mempool was not loaded yet");
        }
        try {
            node.mempool().save(node.mempoolFile());
        } catch (IOException e) {
            throw new RpcException(RpcException.MISC_ERROR, "Unable to dump mempool to disk");
        }
        return Map.of("filename", node.mempoolFile().toString());
    }

    private Object rawMempool(Params p) throws RpcException {
        boolean verbose = p.bool(0, false);
        List<Mempool.Entry> entries = node.mempool().entries();
        if (!verbose) {
            return entries.stream().map(e -> (Object) e.tx().txid().toString()).toList();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (Mempool.Entry e : entries) {
            m.put(e.tx().txid().toString(), entryJson(e));
        }
        return m;
    }

    /** Core's MempoolEntryDescription, field for field in its order. */
    private Map<String, Object> entryJson(Mempool.Entry e) {
        Mempool mp = node.mempool();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vsize", (long) e.vsize());
        m.put("weight", (long) e.tx().weight());
        m.put("time", e.time());
        m.put("height", (long) e.height());
        Set<Hash256> anc = mp.ancestorsOf(e.tx().txid());
        Set<Hash256> desc = mp.descendantsOf(e.tx().txid());
        long[] ancestors = sizeAndFees(mp, anc, e);
        long[] descendants = sizeAndFees(mp, desc, e);
        m.put("descendantcount", (long) desc.size() + 1);
        m.put("descendantsize", descendants[0]);
        m.put("ancestorcount", (long) anc.size() + 1);
        m.put("ancestorsize", ancestors[0]);
        m.put("wtxid", e.tx().wtxid().toString());
        Map<String, Object> fees = new LinkedHashMap<>();
        fees.put("base", RpcJson.amount(e.fee()));
        fees.put("modified", RpcJson.amount(e.fee()));
        fees.put("ancestor", RpcJson.amount(ancestors[1]));
        fees.put("descendant", RpcJson.amount(descendants[1]));
        m.put("fees", fees);
        List<Object> depends = new ArrayList<>();
        e.tx().inputs().forEach(i -> {
            if (mp.contains(i.prevout().txid()) && !depends.contains(i.prevout().txid().toString())) {
                depends.add(i.prevout().txid().toString());
            }
        });
        m.put("depends", depends);
        List<Object> spentBy = new ArrayList<>();
        for (Hash256 d : desc) {
            Mempool.Entry child = mp.get(d);
            if (child != null && child.tx().inputs().stream().anyMatch(i -> i.prevout().txid().equals(e.tx().txid()))) {
                spentBy.add(d.toString());
            }
        }
        spentBy.sort(null);
        m.put("spentby", spentBy);
        m.put("bip125-replaceable", true);
        m.put("unbroadcast", false);
        return m;
    }

    /** Total vsize and fees of {@code e} with the given relatives (its ancestors or descendants). */
    private static long[] sizeAndFees(Mempool mp, Set<Hash256> relatives, Mempool.Entry e) {
        long size = e.vsize();
        long fees = e.fee();
        for (Hash256 h : relatives) {
            Mempool.Entry r = mp.get(h);
            if (r != null) {
                size += r.vsize();
                fees += r.fee();
            }
        }
        return new long[] {size, fees};
    }

    private Object mempoolEntry(Params p) throws RpcException {
        Mempool.Entry e = node.mempool().get(p.hash(0, "txid"));
        if (e == null) {
            throw new RpcException(RpcException.INVALID_ADDRESS_OR_KEY, "Transaction not in mempool");
        }
        return entryJson(e);
    }

    private Object invalidate(Params p) throws RpcException {
        Hash256 h = p.hash(0, "blockhash");
        lookup(h);
        try {
            chain.invalidateBlock(h);
        } catch (IOException | IllegalArgumentException e) {
            throw new RpcException(RpcException.DATABASE_ERROR, e.getMessage());
        }
        return null;
    }

    private Object reconsider(Params p) throws RpcException {
        Hash256 h = p.hash(0, "blockhash");
        lookup(h);
        try {
            chain.reconsiderBlock(h);
        } catch (IOException e) {
            throw new RpcException(RpcException.DATABASE_ERROR, e.getMessage());
        }
        return null;
    }
}

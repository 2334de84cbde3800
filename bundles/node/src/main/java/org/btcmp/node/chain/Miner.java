package org.btcmp.node.chain;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.BlockHeader;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.Hashes;
import org.btcmp.primitives.MerkleTree;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;

/**
 * Builds block templates on the tip (Core v31's BlockAssembler: whole mempool chunks, highest
 * feerate first) and grinds regtest proof of work.
 */
public final class Miner {
    /** Core's VERSIONBITS_TOP_BITS: what its miner puts in nVersion with no deployment signalling. */
    public static final int BLOCK_VERSION = 0x20000000;
    static final int COINBASE_RESERVED_WEIGHT = 8000;

    private final ChainState chain;
    private final Mempool mempool;

    public Miner(ChainState chain, Mempool mempool) {
        this.chain = chain;
        this.mempool = mempool;
    }

    /** A template paying {@code payout}; {@code txs} null means "fill from the mempool". Nonce not yet ground. */
    public Block template(Script payout, List<Transaction> txs) {
        synchronized (chain) {
            return templateOn(chain.tip(), payout, txs);
        }
    }

    /** A template on any known block (tests build forks with it). */
    Block templateOn(BlockIndex tip, Script payout, List<Transaction> txs) {
        synchronized (chain) {
            int height = tip.height + 1;
            List<Transaction> chosen = new ArrayList<>();
            long fees = 0;
            if (txs == null) {
                int weight = COINBASE_RESERVED_WEIGHT;
                int sigops = 400;
                // Core's lock-time cutoff is the median time past of the block built on.
                long cutoff = tip.medianTimePast();
                Set<Integer> skipped = new HashSet<>();
                for (Mempool.Chunk chunk : mempool.chunks()) {
                    if (skipped.contains(chunk.cluster())) {
                        continue;
                    }
                    int w = 0;
                    int s = 0;
                    boolean fit = true;
                    for (Mempool.Entry e : chunk.entries()) {
                        w += e.tx().weight();
                        s += Sigops.legacy(e.tx()) * Consensus.WITNESS_SCALE_FACTOR;
                        fit &= TxChecks.isFinal(e.tx(), height, cutoff);
                    }
                    if (!fit || weight + w > Consensus.MAX_BLOCK_WEIGHT || sigops + s > Consensus.MAX_BLOCK_SIGOPS_COST) {
                        // Core skips the chunk and, with it, the rest of its cluster.
                        skipped.add(chunk.cluster());
                        continue;
                    }
                    for (Mempool.Entry e : chunk.entries()) {
                        chosen.add(e.tx());
                        fees += e.fee();
                    }
                    weight += w;
                    sigops += s;
                }
            } else {
                chosen.addAll(txs);
                fees = feesOf(txs);
            }
            long time = Math.max(tip.medianTimePast() + 1, chain.now());
            Transaction coinbase = coinbase(height, payout, chain.params().subsidy(height) + fees, chosen);
            List<Transaction> all = new ArrayList<>();
            all.add(coinbase);
            all.addAll(chosen);
            BlockHeader draft = new BlockHeader(BLOCK_VERSION, tip.hash, Hash256.ZERO, time, 0, 0);
            long bits = NextWork.required(tip, draft, chain.params());
            BlockHeader header = new BlockHeader(BLOCK_VERSION, tip.hash, MerkleTree.ofTxids(all).hash(), time, bits, 0);
            return new Block(header, all);
        }
    }

    /** The bits a block on the current tip made now would need (Core's GetNextWorkRequired). */
    public long nextBits() {
        synchronized (chain) {
            BlockIndex tip = chain.tip();
            long time = Math.max(tip.medianTimePast() + 1, chain.now());
            return NextWork.required(tip, new BlockHeader(BLOCK_VERSION, tip.hash, Hash256.ZERO, time, 0, 0),
                    chain.params());
        }
    }

    /** Fees of explicitly chosen transactions, whose inputs are in the UTXO set or earlier in the list. */
    private long feesOf(List<Transaction> txs) {
        long fees = 0;
        java.util.Map<OutPoint, TxOut> local = new java.util.HashMap<>();
        for (Transaction tx : txs) {
            long in = 0;
            for (TxIn i : tx.inputs()) {
                TxOut o = local.get(i.prevout());
                Coin c = chain.coinsView().get(i.prevout());
                in += o != null ? o.value() : c != null ? c.output().value() : 0;
            }
            fees += Math.max(0, in - tx.outputs().stream().mapToLong(TxOut::value).sum());
            for (int k = 0; k < tx.outputs().size(); k++) {
                local.put(new OutPoint(tx.txid(), k), tx.outputs().get(k));
            }
        }
        return fees;
    }

    static Transaction coinbase(int height, Script payout, long value, List<Transaction> others) {
        Script sig = new ScriptBuilder().number(height).op(0).build();
        TxIn in = new TxIn(OutPoint.NULL, sig, 0xfffffffeL, List.of(new byte[32]));
        List<TxOut> outs = new ArrayList<>();
        outs.add(new TxOut(value, payout));
        Transaction draft = new Transaction(2, List.of(in), outs, height - 1L);
        List<Transaction> all = new ArrayList<>();
        all.add(draft);
        all.addAll(others);
        byte[] root = MerkleTree.witnessRoot(all).internalBytes();
        byte[] commitment = Hashes.sha256d(BlockChecks.concat(root, new byte[32]));
        outs.add(new TxOut(0, new ScriptBuilder().op(0x6a)
                .data(BlockChecks.concat(BlockChecks.WITNESS_COMMITMENT_HEADER, commitment)).build()));
        return new Transaction(2, List.of(in), outs, height - 1L);
    }

    /** Finds a nonce meeting the target (instant on regtest); bumps the time when the nonce space runs out. */
    public static Block solve(Block template) {
        BlockHeader h = template.header();
        var target = BlockHeader.targetFromBits(h.bits());
        while (true) {
            for (long nonce = 0; nonce <= 0xffffffffL; nonce++) {
                BlockHeader c = h.withNonce(nonce);
                if (c.hash().toBigInteger().compareTo(target) <= 0) {
                    return new Block(c, template.transactions());
                }
            }
            h = new BlockHeader(h.version(), h.prevBlock(), h.merkleRoot(), h.time() + 1, h.bits(), 0);
        }
    }

    /** Mines one block on the tip paying {@code payout} and submits it; returns its hash. */
    public Hash256 generate(Script payout, List<Transaction> txs) throws ValidationException, IOException {
        synchronized (chain) {
            Block block = solve(template(payout, txs));
            chain.processBlock(block);
            if (chain.isInvalid(block.hash())) {
                throw new ValidationException(chain.failureReason(block.hash()), "mined block was invalid");
            }
            return block.hash();
        }
    }
}

package org.btcmp.node.chain;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.BlockHeader;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.Hashes;
import org.btcmp.primitives.MerkleTree;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxOut;

/** Block rules that need no UTXO set (Core's CheckBlockHeader, CheckBlock, Contextual* checks). */
final class BlockChecks {
    static final byte[] WITNESS_COMMITMENT_HEADER = {(byte) 0xaa, 0x21, (byte) 0xa9, (byte) 0xed};

    private BlockChecks() {
    }

    static void checkProofOfWork(BlockHeader h, ChainParams params) throws ValidationException {
        BigInteger target = BlockHeader.targetFromBits(h.bits());
        if (target == null || target.signum() == 0 || target.compareTo(params.powLimit()) > 0) {
            throw new ValidationException("bad-diffbits", "invalid target in nBits");
        }
        if (h.hash().toBigInteger().compareTo(target) > 0) {
            throw new ValidationException("high-hash", "proof of work failed");
        }
    }

    static void checkBlock(Block block, ChainParams params) throws ValidationException {
        checkProofOfWork(block.header(), params);
        MerkleTree.Root root = MerkleTree.ofTxids(block.transactions());
        if (!root.hash().equals(block.header().merkleRoot())) {
            throw new ValidationException("bad-txnmrklroot", "hashMerkleRoot mismatch");
        }
        if (root.mutated()) {
            throw new ValidationException("bad-txns-duplicate", "duplicate transaction");
        }
        List<Transaction> txs = block.transactions();
        if (txs.isEmpty() || txs.size() * Consensus.WITNESS_SCALE_FACTOR > Consensus.MAX_BLOCK_WEIGHT
                || block.serialize(false).length * Consensus.WITNESS_SCALE_FACTOR > Consensus.MAX_BLOCK_WEIGHT) {
            throw new ValidationException("bad-blk-length", "size limits failed");
        }
        if (!txs.get(0).isCoinbase()) {
            throw new ValidationException("bad-cb-missing", "first tx is not coinbase");
        }
        for (int i = 1; i < txs.size(); i++) {
            if (txs.get(i).isCoinbase()) {
                throw new ValidationException("bad-cb-multiple", "more than one coinbase");
            }
        }
        int sigops = 0;
        for (Transaction tx : txs) {
            try {
                TxChecks.checkTransaction(tx);
            } catch (ValidationException e) {
                throw new ValidationException(e.reason(), "transaction " + tx.txid() + " failed");
            }
            sigops += Sigops.legacy(tx);
        }
        if (sigops * Consensus.WITNESS_SCALE_FACTOR > Consensus.MAX_BLOCK_SIGOPS_COST) {
            throw new ValidationException("bad-blk-sigops", "out-of-bounds SigOpCount");
        }
    }

    /** Header rules that depend on the parent: difficulty, time, version. */
    static void contextualHeader(BlockHeader h, BlockIndex prev, ChainParams params, long adjustedTime)
            throws ValidationException {
        long expectedBits = NextWork.required(prev, h, params);
        if (h.bits() != expectedBits) {
            throw new ValidationException("bad-diffbits", "incorrect proof of work");
        }
        if (h.time() <= prev.medianTimePast()) {
            throw new ValidationException("time-too-old", "block's timestamp is too early");
        }
        if (h.time() > adjustedTime + Consensus.MAX_FUTURE_BLOCK_TIME) {
            throw new ValidationException("time-too-new", "block timestamp too far in the future");
        }
        int height = prev.height + 1;
        if ((h.version() < 2 && height >= params.bip34Height()) || (h.version() < 3 && height >= params.bip66Height())
                || (h.version() < 4 && height >= params.bip65Height())) {
            throw new ValidationException(String.format("bad-version(0x%08x)", h.version()),
                    "rejected nVersion block");
        }
    }

    /** Block rules that depend on the parent: finality, BIP34 height, witness commitment, weight. */
    static void contextualBlock(Block block, BlockIndex prev, ChainParams params) throws ValidationException {
        int height = prev.height + 1;
        long cutoff = height >= params.csvHeight() ? prev.medianTimePast() : block.header().time();
        for (Transaction tx : block.transactions()) {
            if (!TxChecks.isFinal(tx, height, cutoff)) {
                throw new ValidationException("bad-txns-nonfinal", "non-final transaction");
            }
        }
        if (height >= params.bip34Height()) {
            byte[] expect = new ScriptBuilder().number(height).build().bytes();
            byte[] sig = block.transactions().get(0).inputs().get(0).scriptSig().bytes();
            if (sig.length < expect.length || !Arrays.equals(Arrays.copyOf(sig, expect.length), expect)) {
                throw new ValidationException("bad-cb-height", "block height mismatch in coinbase");
            }
        }
        boolean witnessFound = false;
        if (height >= params.segwitHeight()) {
            int at = commitmentIndex(block.transactions().get(0));
            if (at >= 0) {
                var cbIn = block.transactions().get(0).inputs().get(0);
                if (cbIn.witness().size() != 1 || cbIn.witness().get(0).length != 32) {
                    throw new ValidationException("bad-witness-nonce-size", "invalid witness reserved value size");
                }
                byte[] root = MerkleTree.witnessRoot(block.transactions()).internalBytes();
                byte[] commitment = Hashes.sha256d(concat(root, cbIn.witness().get(0)));
                byte[] script = block.transactions().get(0).outputs().get(at).scriptPubKey().bytes();
                if (!Arrays.equals(commitment, Arrays.copyOfRange(script, 6, 38))) {
                    throw new ValidationException("bad-witness-merkle-match", "witness merkle commitment mismatch");
                }
                witnessFound = true;
            }
        }
        if (!witnessFound && block.transactions().stream().anyMatch(Transaction::hasWitness)) {
            throw new ValidationException("unexpected-witness", "unexpected witness data found");
        }
        if (block.weight() > Consensus.MAX_BLOCK_WEIGHT) {
            throw new ValidationException("bad-blk-weight", "weight limit failed");
        }
    }

    /** Index of the last output carrying a witness commitment, or -1 (Core's GetWitnessCommitmentIndex). */
    static int commitmentIndex(Transaction coinbase) {
        int found = -1;
        List<TxOut> outs = coinbase.outputs();
        for (int i = 0; i < outs.size(); i++) {
            Script s = outs.get(i).scriptPubKey();
            if (s.length() >= 38 && s.byteAt(0) == 0x6a && s.byteAt(1) == 0x24
                    && Arrays.equals(Arrays.copyOfRange(s.bytes(), 2, 6), WITNESS_COMMITMENT_HEADER)) {
                found = i;
            }
        }
        return found;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}

package org.btcmp.node.chain;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;

/** Context-free and input-dependent transaction rules (Core's CheckTransaction, CheckTxInputs, finality, BIP68). */
final class TxChecks {
    private TxChecks() {
    }

    static void checkTransaction(Transaction tx) throws ValidationException {
        if (tx.inputs().isEmpty()) {
            throw new ValidationException("bad-txns-vin-empty");
        }
        if (tx.outputs().isEmpty()) {
            throw new ValidationException("bad-txns-vout-empty");
        }
        if (tx.baseSize() * Consensus.WITNESS_SCALE_FACTOR > Consensus.MAX_BLOCK_WEIGHT) {
            throw new ValidationException("bad-txns-oversize");
        }
        long total = 0;
        for (TxOut out : tx.outputs()) {
            if (out.value() < 0) {
                throw new ValidationException("bad-txns-vout-negative");
            }
            if (out.value() > ChainParams.MAX_MONEY) {
                throw new ValidationException("bad-txns-vout-toolarge");
            }
            total += out.value();
            if (total > ChainParams.MAX_MONEY) {
                throw new ValidationException("bad-txns-txouttotal-toolarge");
            }
        }
        Set<OutPoint> seen = new HashSet<>();
        for (TxIn in : tx.inputs()) {
            if (!seen.add(in.prevout())) {
                throw new ValidationException("bad-txns-inputs-duplicate");
            }
        }
        if (tx.isCoinbase()) {
            int len = tx.inputs().get(0).scriptSig().length();
            if (len < 2 || len > 100) {
                throw new ValidationException("bad-cb-length");
            }
        } else {
            for (TxIn in : tx.inputs()) {
                if (in.prevout().isNull()) {
                    throw new ValidationException("bad-txns-prevout-null");
                }
            }
        }
    }

    /** Inputs exist, coinbases are mature, amounts are in range; returns the fee. */
    static long checkInputs(Transaction tx, List<Coin> coins, int spendHeight) throws ValidationException {
        long in = 0;
        for (int i = 0; i < coins.size(); i++) {
            Coin c = coins.get(i);
            if (c == null) {
                throw new ValidationException("bad-txns-inputs-missingorspent",
                        "input " + tx.inputs().get(i).prevout() + " is missing or spent");
            }
            if (c.coinbase() && spendHeight - c.height() < ChainParams.COINBASE_MATURITY) {
                throw new ValidationException("bad-txns-premature-spend-of-coinbase",
                        "tried to spend coinbase at depth " + (spendHeight - c.height()));
            }
            in += c.output().value();
            if (c.output().value() < 0 || c.output().value() > ChainParams.MAX_MONEY || in > ChainParams.MAX_MONEY) {
                throw new ValidationException("bad-txns-inputvalues-outofrange");
            }
        }
        long out = tx.outputs().stream().mapToLong(TxOut::value).sum();
        if (in < out) {
            throw new ValidationException("bad-txns-in-belowout", "value in (" + in + ") < value out (" + out + ")");
        }
        return in - out;
    }

    /** Core's IsFinalTx: lock time passed, or every input's sequence is final. */
    static boolean isFinal(Transaction tx, int height, long cutoffTime) {
        long lock = tx.lockTime();
        if (lock == 0) {
            return true;
        }
        long limit = lock < Consensus.LOCKTIME_THRESHOLD ? height : cutoffTime;
        if (lock < limit) {
            return true;
        }
        return tx.inputs().stream().allMatch(i -> i.sequence() == TxIn.SEQUENCE_FINAL);
    }

    /**
     * BIP68 relative lock times: the height and time each input's sequence demands, checked against
     * the block being built on {@code tip} at {@code height}.
     */
    static boolean sequenceLocksPass(Transaction tx, List<Coin> coins, BlockIndex tip, int height,
            Map<Integer, Long> mtpByHeight) {
        if (Integer.toUnsignedLong(tx.version()) < 2) {
            return true;
        }
        long minHeight = -1;
        long minTime = -1;
        for (int i = 0; i < tx.inputs().size(); i++) {
            long seq = tx.inputs().get(i).sequence();
            if ((seq & (1L << 31)) != 0) {
                continue;
            }
            int coinHeight = coins.get(i).height();
            if ((seq & (1L << 22)) != 0) {
                int base = Math.max(coinHeight - 1, 0);
                long baseTime = mtpByHeight.computeIfAbsent(base, h -> tip.ancestor(h).medianTimePast());
                minTime = Math.max(minTime, baseTime + ((seq & 0xffff) << 9) - 1);
            } else {
                minHeight = Math.max(minHeight, coinHeight + (seq & 0xffff) - 1);
            }
        }
        return minHeight < height && minTime < tip.medianTimePast();
    }
}

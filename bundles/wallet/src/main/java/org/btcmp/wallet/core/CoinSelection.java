package org.btcmp.wallet.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Chooses coins for a payment, as Core does: first branch and bound for a set whose effective value
 * (value minus the fee to spend it) lands between the target and the target plus the cost of a change
 * output, so no change is needed; failing that, a single random draw that leaves room for change.
 */
final class CoinSelection {
    /** Core's BnB try limit. */
    static final int BNB_TOTAL_TRIES = 100_000;
    /** Core's lower bound of the change a random draw aims to leave (CHANGE_LOWER). */
    static final long MIN_CHANGE = 50_000;

    /** A spendable coin with the value it adds to a transaction after paying for its own input. */
    record Candidate(org.btcmp.wallet.store.TxRecords.Output coin, long effectiveValue) {
    }

    /** The chosen coins and whether a change output is to be added. */
    record Selection(List<Candidate> coins, boolean withChange) {
        long effectiveTotal() {
            return coins.stream().mapToLong(Candidate::effectiveValue).sum();
        }
    }

    private CoinSelection() {
    }

    /**
     * BnB (skipped when the fee comes out of the payments, as Core skips it), then a single random
     * draw; empty when even all coins do not reach {@code target}.
     */
    static Optional<Selection> select(List<Candidate> coins, long target, long costOfChange, long changeFee,
            boolean subtractFee, Random random) {
        List<Candidate> useful = coins.stream().filter(c -> c.effectiveValue() > 0).toList();
        Optional<List<Candidate>> exact = subtractFee ? Optional.empty() : branchAndBound(useful, target, costOfChange);
        if (exact.isPresent()) {
            return Optional.of(new Selection(exact.get(), false));
        }
        return singleRandomDraw(useful, target + changeFee + MIN_CHANGE, random).map(s -> new Selection(s, true))
                .or(() -> singleRandomDraw(useful, target, random).map(s -> new Selection(s, true)));
    }

    /**
     * Depth-first search over include/exclude decisions, largest coins first, for the set with the
     * least excess within [target, target + costOfChange].
     */
    static Optional<List<Candidate>> branchAndBound(List<Candidate> coins, long target, long costOfChange) {
        List<Candidate> sorted = new ArrayList<>(coins);
        sorted.sort(Comparator.comparingLong(Candidate::effectiveValue).reversed());
        long[] remainingAfter = new long[sorted.size() + 1];
        for (int i = sorted.size() - 1; i >= 0; i--) {
            remainingAfter[i] = remainingAfter[i + 1] + sorted.get(i).effectiveValue();
        }
        if (remainingAfter[0] < target) {
            return Optional.empty();
        }
        Search s = new Search(sorted, remainingAfter, target, target + costOfChange);
        s.explore(0, 0, new boolean[sorted.size()]);
        if (s.best == null) {
            return Optional.empty();
        }
        List<Candidate> chosen = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (s.best[i]) {
                chosen.add(sorted.get(i));
            }
        }
        return Optional.of(chosen);
    }

    /** Adds coins in random order until {@code target} is reached; empty when all of them fall short. */
    static Optional<List<Candidate>> singleRandomDraw(List<Candidate> coins, long target, Random random) {
        List<Candidate> shuffled = new ArrayList<>(coins);
        Collections.shuffle(shuffled, random);
        List<Candidate> chosen = new ArrayList<>();
        long total = 0;
        for (Candidate c : shuffled) {
            chosen.add(c);
            total += c.effectiveValue();
            if (total >= target) {
                return Optional.of(chosen);
            }
        }
        return Optional.empty();
    }

    private static final class Search {
        final List<Candidate> coins;
        final long[] remainingAfter;
        final long low;
        final long high;
        boolean[] best;
        long bestExcess = Long.MAX_VALUE;
        int tries;

        Search(List<Candidate> coins, long[] remainingAfter, long low, long high) {
            this.coins = coins;
            this.remainingAfter = remainingAfter;
            this.low = low;
            this.high = high;
        }

        void explore(int index, long total, boolean[] included) {
            if (++tries > BNB_TOTAL_TRIES || total > high || total + remainingAfter[index] < low) {
                return;
            }
            if (total >= low) {
                if (total - low < bestExcess) {
                    bestExcess = total - low;
                    best = included.clone();
                }
                return; // adding more only adds excess
            }
            if (index == coins.size()) {
                return;
            }
            included[index] = true;
            explore(index + 1, total + coins.get(index).effectiveValue(), included);
            included[index] = false;
            explore(index + 1, total, included);
        }
    }
}

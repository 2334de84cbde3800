package org.btcmp.wallet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.btcmp.wallet.store.TxRecords;
import org.junit.jupiter.api.Test;

class CoinSelectionTest {
    private static List<CoinSelection.Candidate> coins(long... effective) {
        List<CoinSelection.Candidate> out = new ArrayList<>();
        for (int i = 0; i < effective.length; i++) {
            out.add(new CoinSelection.Candidate(
                    new TxRecords.Output("00".repeat(32), i, effective[i] + 100, new byte[22], false), effective[i]));
        }
        return out;
    }

    private static long sum(List<CoinSelection.Candidate> chosen) {
        return chosen.stream().mapToLong(CoinSelection.Candidate::effectiveValue).sum();
    }

    @Test
    void branchAndBoundFindsTheChangelessSetWithLeastExcess() {
        Optional<List<CoinSelection.Candidate>> exact =
                CoinSelection.branchAndBound(coins(1_000, 2_000, 5_100, 9_000, 3_100, 4_140), 7_050, 200);
        assertTrue(exact.isPresent());
        assertEquals(7_100, sum(exact.get()), "5100 + 2000 beats 4140 + 2000 + 1000 and 4140 + 3100");
    }

    @Test
    void branchAndBoundGivesUpWhenEverySetOvershootsTheChangeWindow() {
        assertFalse(CoinSelection.branchAndBound(coins(100_000, 200_000), 50_000, 1_000).isPresent());
        assertFalse(CoinSelection.branchAndBound(coins(1_000, 2_000), 5_000, 1_000).isPresent(), "not enough");
    }

    @Test
    void fallbackDrawLeavesRoomForChangeAndFailsOnlyWhenAllCoinsFallShort() {
        List<CoinSelection.Candidate> pool = coins(100_000, 200_000, 300_000);
        CoinSelection.Selection s = CoinSelection.select(pool, 150_000, 1_000, 500, false, new Random(1)).orElseThrow();
        assertTrue(s.withChange());
        assertTrue(s.effectiveTotal() >= 150_000 + 500 + CoinSelection.MIN_CHANGE);
        CoinSelection.Selection exact = CoinSelection.select(pool, 299_500, 1_000, 500, false, new Random(1)).orElseThrow();
        assertFalse(exact.withChange());
        assertEquals(300_000, exact.effectiveTotal());
        assertFalse(CoinSelection.select(pool, 600_001, 1_000, 500, false, new Random(1)).isPresent());
        assertFalse(CoinSelection.select(coins(-5, 0), 1, 1_000, 500, false, new Random(1)).isPresent(),
                "coins worth less than their input fee are never used");
    }
}

package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Core's RelayAddress choice of peers: two of them, never the sender, the same ones for a day per address. */
class AddrRelayTargetsTest {
    private static final long K0 = 0x0706050403020100L;
    private static final long K1 = 0x0f0e0d0c0b0a0908L;
    private static final Set<Long> PEERS = Set.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);

    private static InetSocketAddress address(int i) throws Exception {
        return new InetSocketAddress(InetAddress.getByAddress(new byte[] {20, (byte) i, 1, 1}), 8333);
    }

    @Test
    void twoPeersNeverTheSenderAndAtMostOneChangeInAnyDay() throws Exception {
        long day0 = 1_700_000_000L;
        for (int i = 0; i < 20; i++) {
            InetSocketAddress a = address(i);
            Set<List<Long>> pairs = new HashSet<>();
            for (long t = day0; t < day0 + AddrRelay.ROTATE_SECONDS; t += 600) {
                List<Long> targets = AddrRelay.targets(K0, K1, a, t, PEERS, 3, 2);
                assertEquals(2, targets.size());
                assertFalse(targets.contains(3L), "never back to the sender");
                pairs.add(targets);
            }
            assertTrue(pairs.size() <= 2, "one rotation per day at most: " + pairs);
        }
    }

    @Test
    void theRotationSpreadsAnAddressOverAllPeers() throws Exception {
        Set<Long> chosen = new HashSet<>();
        Set<List<Long>> pairs = new HashSet<>();
        for (int day = 0; day < 30; day++) {
            List<Long> t = AddrRelay.targets(K0, K1, address(1), 1_700_000_000L + day * 86400L, PEERS, 0, 2);
            chosen.addAll(t);
            pairs.add(t);
        }
        assertEquals(7, chosen.size(), "over 30 days every peer but the sender gets the address: " + chosen);
        assertTrue(pairs.size() >= 10, "the pair changes from day to day: " + pairs.size());
    }

    @Test
    void anotherNodeKeyPicksOtherPeers() throws Exception {
        int differ = 0;
        for (int i = 0; i < 20; i++) {
            if (!AddrRelay.targets(K0, K1, address(i), 0, PEERS, 0, 2)
                    .equals(AddrRelay.targets(K0 + 1, K1, address(i), 0, PEERS, 0, 2))) {
                differ++;
            }
        }
        assertTrue(differ >= 10, "the choice depends on the node's secret key: " + differ + " of 20 differ");
    }

    @Test
    void fewerCandidatesThanTargets() throws Exception {
        assertEquals(List.of(1L), AddrRelay.targets(K0, K1, address(2), 0, Set.of(0L, 1L), 0, 2));
        assertEquals(List.of(), AddrRelay.targets(K0, K1, address(2), 0, Set.of(0L), 0, 2));
    }
}

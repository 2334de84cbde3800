package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.btcmp.common.args.ChainType;
import org.btcmp.node.chain.ChainState;
import org.btcmp.primitives.ChainParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * -asmap: Core's asmap program format (interpreted over an address's 128 bits, refused unless its sanity check
 * passes) and bucketing by autonomous system, with a small map built by {@link AsmapEncoder}.
 */
class AsmapTest {
    @TempDir
    Path temp;

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void addressesMapToTheirAutonomousSystemAndOthersToZero() throws Exception {
        Asmap map = Asmap.decode(AsmapEncoder.twoNetworks());
        assertEquals(65001, map.lookup(ip("1.2.3.4")));
        assertEquals(65001, map.lookup(ip("1.255.0.1")));
        assertEquals(65002, map.lookup(ip("2.9.9.9")));
        assertEquals(0, map.lookup(ip("3.3.3.3")), "a mismatch answers the default: unmapped");
        assertEquals(0, map.lookup(ip("2a00:1450::1")), "an IPv6 address outside ::ffff:0:0/96");
        assertEquals(0, map.lookup(ip("10.1.2.3")), "unroutable addresses are never mapped");
    }

    @Test
    void programsThatFailCoresSanityCheckAreRefused() throws Exception {
        byte[] good = AsmapEncoder.twoNetworks();
        assertThrows(IllegalArgumentException.class, () -> Asmap.decode(Arrays.copyOf(good, good.length - 1)),
                "cut off");
        assertThrows(IllegalArgumentException.class, () -> Asmap.decode(Arrays.copyOf(good, good.length + 1)),
                "more than 7 bits of padding");
        byte[] dirty = good.clone();
        dirty[dirty.length - 1] |= (byte) 0x80;
        int used = AsmapEncoder.concat(List.of(AsmapEncoder.ipv4Prefix(), AsmapEncoder.match("000000"),
                AsmapEncoder.jump(AsmapEncoder.concat(List.of(AsmapEncoder.match("1"), AsmapEncoder.ret(65001))),
                        AsmapEncoder.concat(List.of(AsmapEncoder.match("0"), AsmapEncoder.ret(65002)))))).size();
        assertEquals(7, used % 8, "one bit of padding, set in the dirty copy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Asmap.decode(dirty));
        assertEquals("a padding bit that is not zero", e.getMessage());
        // No RETURN: the zero padding after the match reads as a RETURN whose AS number is cut off.
        IllegalArgumentException noReturn = assertThrows(IllegalArgumentException.class,
                () -> Asmap.decode(AsmapEncoder.bytes(AsmapEncoder.concat(List.of(AsmapEncoder.defaultAsn(7),
                        AsmapEncoder.match("11111111"))))));
        assertEquals("an AS number cut off by the end of the file", noReturn.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Asmap.decode(new byte[0]), "an empty file");
        assertThrows(IllegalArgumentException.class, () -> Asmap.decode(AsmapEncoder.bytes(AsmapEncoder.concat(
                List.of(AsmapEncoder.defaultAsn(7), AsmapEncoder.ret(8))))), "RETURN right after DEFAULT");
        assertEquals(5, Asmap.decode(AsmapEncoder.bytes(AsmapEncoder.ret(5))).lookup(ip("8.8.8.8")),
                "a lone RETURN maps every routable address");
    }

    @Test
    void oneAutonomousSystemReachesAtMostEightTriedBucketsWhateverItsPrefixes() throws Exception {
        byte[] key = new byte[32];
        AddrBuckets byAs = new AddrBuckets(key, Asmap.decode(AsmapEncoder.twoNetworks()));
        AddrBuckets byPrefix = new AddrBuckets(key);
        Set<Integer> asBuckets = new HashSet<>();
        Set<Integer> prefixBuckets = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            InetSocketAddress a = new InetSocketAddress(InetAddress.getByAddress(new byte[] {1, (byte) i, 7, 7}), 8333);
            asBuckets.add(byAs.tried(a));
            prefixBuckets.add(byPrefix.tried(a));
        }
        assertTrue(asBuckets.size() <= AddrBuckets.TRIED_BUCKETS_PER_GROUP, "by AS: " + asBuckets.size());
        assertTrue(prefixBuckets.size() > 3 * AddrBuckets.TRIED_BUCKETS_PER_GROUP, "by /16: " + prefixBuckets.size());
        assertArrayEquals(byAs.group(ip("1.2.3.4")), byAs.group(ip("1.200.0.1")), "one AS, one group");
        assertFalse(Arrays.equals(byAs.group(ip("1.2.3.4")), byAs.group(ip("2.2.3.4"))));
        assertArrayEquals(AddrBuckets.prefixGroup(ip("3.3.3.3")), byAs.group(ip("3.3.3.3")), "unmapped: by prefix");
    }

    @Test
    void theNodeRefusesAMissingOrBrokenAsmapFileWithCoresMessages() throws Exception {
        try (ChainState chain = new ChainState(ChainParams.of(ChainType.REGTEST), temp.resolve("c"), () -> 0)) {
            P2pSettings base = new P2pSettings(false, 0, List.of(), List.of(), List.of(), false, 125, true);
            IOException missing = assertThrows(IOException.class, () -> new P2pNode(
                    LocalNode.defaults(P2pNetwork.REGTEST, chain::height), base.withAsmap("nope.map"),
                    SyncNode.TIMEOUTS, chain, temp, () -> 0));
            assertEquals("Could not find asmap file " + temp.resolve("nope.map"), missing.getMessage());
            Files.write(temp.resolve("bad.map"), new byte[] {(byte) 0xff});
            IOException bad = assertThrows(IOException.class, () -> new P2pNode(
                    LocalNode.defaults(P2pNetwork.REGTEST, chain::height), base.withAsmap("bad.map"),
                    SyncNode.TIMEOUTS, chain, temp, () -> 0));
            assertTrue(bad.getMessage().startsWith("Could not parse asmap file " + temp.resolve("bad.map")),
                    bad.getMessage());
            Files.write(temp.resolve(P2pSettings.DEFAULT_ASMAP_FILE), AsmapEncoder.twoNetworks());
            try (P2pNode node = new P2pNode(LocalNode.defaults(P2pNetwork.REGTEST, chain::height),
                    base.withAsmap(P2pSettings.DEFAULT_ASMAP_FILE), SyncNode.TIMEOUTS, chain, temp, () -> 0)) {
                node.addrMan().add(new InetSocketAddress(ip("1.2.3.4"), 8333), RawPeer.FULL_SERVICES, 1);
                assertEquals(1, node.addrMan().size());
                // The groups outbound connections must differ in: one per AS under -asmap.
                assertEquals(node.addrMan().group(ip("1.2.3.4")), node.addrMan().group(ip("1.200.0.1")));
                assertFalse(node.addrMan().group(ip("1.2.3.4")).equals(node.addrMan().group(ip("2.2.3.4"))));
                assertFalse(node.addrMan().group(ip("3.3.3.3")).equals(node.addrMan().group(ip("3.4.3.3"))),
                        "unmapped: by /16");
            }
        }
    }
}

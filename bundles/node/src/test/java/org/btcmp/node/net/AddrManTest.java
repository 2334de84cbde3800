package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The address manager's new and tried tables, by Core's bucketing rules, and its file. */
class AddrManTest {
    private static final long NOW = 1_700_000_000L;

    @TempDir
    Path dir;
    private final AtomicLong clock = new AtomicLong(NOW);

    private static InetSocketAddress ip(int a, int b, int c, int d) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c,
                (byte) d}), 8333);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private AddrMan open(long seed) throws IOException {
        return new AddrMan(dir.resolve(AddrMan.FILE_NAME), clock::get, false, new Random(seed));
    }

    /** The bucketing of an AddrMan opened with this seed (its key is the seeded random's first 32 bytes). */
    private static AddrBuckets bucketsOf(long seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        return new AddrBuckets(key);
    }

    @Test
    void oneSourceGroupReachesAtMost64NewBucketsSoItCannotFloodTheTable() throws Exception {
        AddrMan a = open(1);
        InetSocketAddress source = ip(1, 2, 3, 4);
        for (int i = 0; i < 20_000; i++) {
            a.add(ip(20 + i % 200, i / 200, 7, 9), source, 1, NOW);
        }
        assertTrue(a.newCount() <= 64 * AddrBuckets.BUCKET_SIZE, "new count " + a.newCount());
        assertTrue(a.newCount() > 1_000, "new count " + a.newCount());
        AddrBuckets b = bucketsOf(1);
        Set<Integer> fromOne = new HashSet<>();
        Set<Integer> fromMany = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            fromOne.add(b.newBucket(ip(20 + i % 200, i / 200, 1, 1), source));
            fromMany.add(b.newBucket(ip(20 + i % 200, i / 200, 1, 1), ip(30 + i % 100, i % 250, 5, 5)));
        }
        assertTrue(fromOne.size() <= AddrBuckets.NEW_BUCKETS_PER_SOURCE_GROUP, "buckets " + fromOne.size());
        assertTrue(fromMany.size() > 300, "buckets " + fromMany.size());
        // One /16 reaches at most 8 tried buckets.
        Set<Integer> tried = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            tried.add(b.tried(ip(50, 60, i / 250, i % 250)));
        }
        assertTrue(tried.size() <= AddrBuckets.TRIED_BUCKETS_PER_GROUP, "tried buckets " + tried.size());
    }

    @Test
    void unroutableAddressesAreRefusedOutsideRegtest() throws Exception {
        AddrMan a = open(2);
        for (InetSocketAddress bad : List.of(ip(127, 0, 0, 1), ip(10, 1, 1, 1), ip(192, 168, 1, 1), ip(0, 0, 0, 0),
                ip(169, 254, 3, 3), ip(100, 64, 0, 1))) {
            assertFalse(a.add(bad, 1, NOW), bad.toString());
        }
        assertEquals(0, a.size());
        AddrMan regtest = new AddrMan(dir.resolve("regtest.txt"), clock::get, true);
        assertTrue(regtest.add(ip(127, 0, 0, 1), 1, NOW));
    }

    @Test
    void aConnectionMovesAnAddressToTriedWhereAFloodOfNewOnesCannotReachIt() throws Exception {
        AddrMan a = open(3);
        InetSocketAddress x = ip(8, 8, 4, 4);
        assertTrue(a.add(x, ip(9, 9, 9, 9), 1, NOW));
        assertFalse(a.isTried(x));
        a.attempt(x, NOW);
        a.good(x, 8, NOW + 1);
        assertTrue(a.isTried(x));
        assertEquals(1, a.triedCount());
        assertEquals(0, a.newCount());
        assertEquals(9L, a.find(x).orElseThrow().services());
        assertEquals(0, a.find(x).orElseThrow().attempts());
        for (int i = 0; i < 30_000; i++) {
            a.add(ip(20 + i % 200, (i / 200) % 250, i % 7, 9), ip(40 + i % 150, i % 200, 1, 1), 1, NOW);
        }
        assertTrue(a.isTried(x), "a tried address is never evicted by addresses heard of");
        // An address we never heard of does not enter through a connection, as in Core.
        a.good(ip(77, 77, 77, 77), 1, NOW);
        assertFalse(a.find(ip(77, 77, 77, 77)).isPresent());
    }

    @Test
    void aTriedSlotCollisionKeepsARecentIncumbentAndEvictsAStaleOneBackToNew() throws Exception {
        AddrBuckets b = bucketsOf(4);
        InetSocketAddress first = ip(60, 70, 0, 1);
        int bucket = b.tried(first);
        int pos = b.position(false, bucket, first);
        InetSocketAddress rival = null;
        for (int i = 2; rival == null && i < 65_536; i++) {
            InetSocketAddress c = ip(60, 70, i >> 8, i & 0xff);
            if (b.tried(c) == bucket && b.position(false, bucket, c) == pos) {
                rival = c;
            }
        }
        assertTrue(rival != null, "no address in the /16 shares the slot");
        AddrMan a = open(4);
        a.add(first, ip(5, 5, 5, 5), 1, NOW);
        a.add(rival, ip(6, 6, 6, 6), 1, NOW);
        a.good(first, 1, NOW);
        a.good(rival, 1, NOW + 60);
        assertTrue(a.isTried(first), "worked a minute ago: kept");
        assertFalse(a.isTried(rival));
        long later = NOW + AddrMan.REPLACEMENT_SECONDS + 1;
        a.good(rival, 1, later);
        assertTrue(a.isTried(rival));
        assertFalse(a.isTried(first), "stale incumbent evicted");
        assertTrue(a.find(first).isPresent(), "back in new, not forgotten");
        assertEquals(1, a.triedCount());
        assertEquals(1, a.newCount());
    }

    @Test
    void selectionSkipsRecentAttemptsAndGetaddrLeavesOutTerribleAddresses() throws Exception {
        AddrMan a = open(5);
        InetSocketAddress fresh = ip(11, 0, 0, 1);
        InetSocketAddress failing = ip(12, 0, 0, 1);
        InetSocketAddress ancient = ip(13, 0, 0, 1);
        a.add(fresh, ip(1, 1, 1, 1), 1, NOW);
        a.add(failing, ip(1, 1, 1, 1), 1, NOW);
        a.add(ancient, ip(1, 1, 1, 1), 1, NOW - AddrMan.HORIZON_SECONDS - 10);
        for (int i = 0; i < AddrMan.RETRIES; i++) {
            a.attempt(failing, NOW - 1_000 + i);
        }
        a.attempt(fresh, NOW - 5);
        assertEquals(ancient, a.select(x -> x.equals(fresh) || x.equals(failing), NOW).orElseThrow());
        assertEquals(fresh, a.select(x -> !x.equals(fresh), NOW).orElseThrow(), "the only candidate, however recent");
        int recentPicked = 0;
        int laterPicked = 0;
        for (int i = 0; i < 400; i++) {
            recentPicked += a.select(x -> x.equals(failing), NOW).orElseThrow().equals(fresh) ? 1 : 0;
            laterPicked += a.select(x -> x.equals(failing), NOW + AddrMan.RETRY_SECONDS).orElseThrow().equals(fresh)
                    ? 1 : 0;
        }
        assertTrue(recentPicked < 40, "tried 5 s ago: rarely picked beside a fresh candidate, got " + recentPicked);
        assertTrue(laterPicked > 120, "ten minutes later: picked about as often as the other, got " + laterPicked);
        Set<InetSocketAddress> shared = new HashSet<>();
        a.sample(1000, 0, NOW + 120).forEach(e -> shared.add(e.address()));
        assertEquals(Set.of(fresh), shared, "failing (3 attempts, never connected) and ancient are terrible");
        for (int i = 0; i < 100; i++) {
            a.add(ip(30, i, 1, 1), ip(2, 2, 2, 2), 1, NOW);
        }
        assertEquals(23, a.sample(1000, 23, NOW).size(), "getaddr: at most 23 % of 103");
    }

    @Test
    void tablesKeyAndCountersSurviveARestartAndTheOldFormatStillLoads() throws Exception {
        AddrMan a = open(6);
        InetSocketAddress x = ip(8, 8, 8, 8);
        for (int i = 0; i < 500; i++) {
            a.add(ip(20 + i % 100, i / 100, 3, 3), ip(40 + i % 30, 1, 1, 1), 1, NOW - i);
        }
        a.add(x, ip(1, 1, 1, 1), 5, NOW);
        a.good(x, 4, NOW);
        a.attempt(ip(20, 0, 3, 3), NOW);
        a.save();
        String saved = Files.readString(dir.resolve(AddrMan.FILE_NAME));
        AddrMan reloaded = new AddrMan(dir.resolve(AddrMan.FILE_NAME), clock::get, false, new Random(99));
        assertEquals(a.size(), reloaded.size());
        assertEquals(a.newCount(), reloaded.newCount());
        assertEquals(1, reloaded.triedCount());
        assertTrue(reloaded.isTried(x));
        assertEquals(a.find(ip(20, 0, 3, 3)), reloaded.find(ip(20, 0, 3, 3)));
        reloaded.save();
        assertEquals(saved.lines().filter(l -> l.startsWith("key ")).toList(),
                Files.readString(dir.resolve(AddrMan.FILE_NAME)).lines().filter(l -> l.startsWith("key ")).toList(),
                "the key is kept, not drawn again");
        assertNotEquals(saved.lines().filter(l -> l.startsWith("key ")).toList(),
                List.of("key " + "00".repeat(32)));

        Path old = dir.resolve("old.txt");
        Files.writeString(old, "# btcmp addresses: ip port services(hex) lastseen lasttry lastsuccess attempts\n"
                + "9.9.9.9 8333 409 100 0 0 0\n");
        AddrMan fromOld = new AddrMan(old, clock::get, false);
        assertEquals(1, fromOld.newCount());
        assertEquals(0x409L, fromOld.find(ip(9, 9, 9, 9)).orElseThrow().services());

        Files.writeString(old, "key 00\n");
        IOException e = assertThrows(IOException.class, () -> new AddrMan(old, clock::get, false));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("32"), e.getMessage());
        Files.writeString(old, "9.9.9.9 8333 409 100 0 0 0 9.9.9.9 both\n");
        e = assertThrows(IOException.class, () -> new AddrMan(old, clock::get, false));
        assertTrue(e.getMessage().contains("new or tried"), e.getMessage());
    }
}

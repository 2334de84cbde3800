package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mempool.dat: saved with entry times, loaded back in order, expired entries skipped, bad files survived. */
class MempoolFileTest {
    @TempDir
    Path dir;
    TestChain t;
    Transaction parent;
    Transaction child;
    Transaction other;

    @BeforeEach
    void fill() throws Exception {
        t = new TestChain(dir.resolve("chain"));
        t.mine(102);
        long v1 = t.coinbaseValue(1);
        parent = t.key.spend(t.coinbaseAt(1), v1, v1 - 1_000, t.key.script);
        child = t.key.spend(new OutPoint(parent.txid(), 0), v1 - 1_000, v1 - 2_000, t.key.script);
        long v2 = t.coinbaseValue(2);
        other = t.key.spend(t.coinbaseAt(2), v2, v2 - 5_000, t.key.script);
        t.mempool.accept(parent, false);
        t.clock.addAndGet(100);
        t.mempool.accept(child, false);
        t.clock.addAndGet(100);
        t.mempool.accept(other, false);
    }

    @AfterEach
    void close() throws Exception {
        t.close();
    }

    private static Map<Hash256, Long> times(Mempool pool) {
        return pool.entries().stream().collect(Collectors.toMap(e -> e.tx().txid(), Mempool.Entry::time));
    }

    @Test
    void savedEntriesComeBackWithTheirTimes() throws Exception {
        // Written by depth: both unconfirmed-parent-free entries first, then the child.
        Path file = dir.resolve("mempool.dat");
        t.mempool.save(file);
        Mempool fresh = new Mempool(t.chain);
        assertFalse(fresh.isLoaded());
        String log = fresh.load(file);
        assertTrue(fresh.isLoaded());
        assertEquals("Imported mempool transactions from disk: 3 succeeded, 0 failed, 0 expired, 0 already there,"
                + " 0 waiting for initial broadcast", log);
        assertEquals(times(t.mempool), times(fresh));
        assertEquals(List.of(parent.txid(), other.txid(), child.txid()),
                MempoolFile.read(file).stream().map(s -> s.tx().txid()).toList());
    }

    @Test
    void expiredAndAlreadyPresentEntriesAreCounted() throws Exception {
        Path file = dir.resolve("mempool.dat");
        t.mempool.save(file);
        t.clock.addAndGet(3600 - 150);
        Mempool shortLived = new Mempool(t.chain, Mempool.DEFAULT_MAX_BYTES, 3600);
        shortLived.accept(other, false);
        String log = shortLived.load(file);
        assertEquals("Imported mempool transactions from disk: 0 succeeded, 1 failed, 1 expired, 1 already there,"
                + " 0 waiting for initial broadcast", log, "the parent expired, so its child misses its input");
    }

    @Test
    void coreObfuscatedVersionTwoFilesLoad() throws Exception {
        Path plain = dir.resolve("plain.dat");
        t.mempool.save(plain);
        byte[] v1 = Files.readAllBytes(plain);
        byte[] key = {1, 2, 3, 4, 5, 6, 7, (byte) 0xff};
        byte[] v2 = new byte[v1.length + 9];
        v2[0] = 2;
        v2[8] = 8;
        System.arraycopy(key, 0, v2, 9, 8);
        System.arraycopy(v1, 8, v2, 17, v1.length - 8);
        for (int i = 17; i < v2.length; i++) {
            v2[i] ^= key[i % 8];
        }
        Path obfuscated = dir.resolve("v2.dat");
        Files.write(obfuscated, v2);
        assertEquals(List.of(parent.txid(), other.txid(), child.txid()),
                MempoolFile.read(obfuscated).stream().map(s -> s.tx().txid()).toList());
    }

    @Test
    void aMalformedFileIsReportedAndTheMempoolStillLoads() throws Exception {
        Path file = dir.resolve("mempool.dat");
        t.mempool.save(file);
        byte[] data = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(data, data.length - 40));
        Mempool fresh = new Mempool(t.chain);
        String log = fresh.load(file);
        assertTrue(log.startsWith("Failed to deserialize mempool data on file: "), log);
        assertTrue(fresh.isLoaded());
        Files.write(file, new byte[] {9, 0, 0, 0, 0, 0, 0, 0});
        assertTrue(new Mempool(t.chain).load(file).contains("version 9"));
    }
}

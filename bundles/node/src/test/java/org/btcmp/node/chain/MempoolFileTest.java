package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.btcmp.primitives.ByteWriter;
import org.btcmp.primitives.DecodeException;
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
        byte[] data = Files.readAllBytes(file);
        assertEquals(2, data[0], "version 2 by default, as Core");
        assertEquals(8, data[8], "an 8-byte key follows the version");
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
    void eachSaveDrawsAFreshKeyAndV1IsTheSameBodyInTheClear() throws Exception {
        Path a = dir.resolve("a.dat");
        Path b = dir.resolve("b.dat");
        t.mempool.save(a);
        t.mempool.save(b);
        byte[] keyA = Arrays.copyOfRange(Files.readAllBytes(a), 9, 17);
        byte[] keyB = Arrays.copyOfRange(Files.readAllBytes(b), 9, 17);
        assertFalse(Arrays.equals(keyA, keyB), "a random key per dump");

        Path v1 = dir.resolve("v1.dat");
        t.mempool.save(v1, null);
        byte[] plain = Files.readAllBytes(v1);
        assertEquals(1, plain[0]);
        byte[] obfuscated = Files.readAllBytes(a);
        assertEquals(plain.length + 9, obfuscated.length);
        for (int i = 8; i < plain.length; i++) {
            assertEquals(plain[i], (byte) (obfuscated[i + 9] ^ keyA[(i + 9) % 8]), "body byte " + i);
        }
        assertTrue(plain.length > 3 * 80, "three transactions in the clear");
        assertEquals(MempoolFile.read(a).stream().map(s -> s.tx().txid()).toList(),
                MempoolFile.read(v1).stream().map(s -> s.tx().txid()).toList());
    }

    @Test
    void persistV1PoolsWriteVersionOne() throws Exception {
        Mempool v1Pool = new Mempool(t.chain, Mempool.DEFAULT_MAX_BYTES, Mempool.DEFAULT_EXPIRY_SECONDS, true);
        v1Pool.load(dir.resolve("absent.dat"));
        v1Pool.acceptLoaded(other, 1_700_000_123L);
        Path file = dir.resolve("v1pool.dat");
        v1Pool.save(file);
        byte[] expected = new ByteWriter().writeInt64(1).writeInt64(1).writeBytes(other.toBytes())
                .writeInt64(1_700_000_123L).writeInt64(0).writeCompactSize(0).writeCompactSize(0).toByteArray();
        assertArrayEquals(expected, Files.readAllBytes(file));
    }

    /**
     * A version 2 file laid out by hand from Core's format (mempool_persist.cpp and AutoFile's XOR
     * by file position): our writer must produce exactly these bytes, and our reader must accept a
     * file whose fee-delta map and unbroadcast set are not empty.
     */
    @Test
    void handWrittenCoreVersionTwoFile() throws Exception {
        byte[] key = {(byte) 0xa1, 0x02, (byte) 0xb3, 0x04, (byte) 0xc5, 0x06, (byte) 0xd7, 0x08};
        long time = 1_700_000_777L;
        byte[] tx = other.toBytes();
        java.io.ByteArrayOutputStream f = new java.io.ByteArrayOutputStream();
        f.write(new byte[] {2, 0, 0, 0, 0, 0, 0, 0});
        f.write(8);
        f.write(key);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(new byte[] {1, 0, 0, 0, 0, 0, 0, 0});
        body.write(tx);
        body.write(new byte[] {(byte) 0x09, (byte) 0xf4, (byte) 0x53, 0x65, 0, 0, 0, 0});
        body.write(new byte[8]);
        body.write(0);
        body.write(0);
        byte[] plainBody = body.toByteArray();
        for (int i = 0; i < plainBody.length; i++) {
            f.write(plainBody[i] ^ key[(17 + i) % 8]);
        }
        byte[] handMade = f.toByteArray();
        assertEquals(0x6553f409L, time, "the time's little-endian bytes above");

        Mempool.Entry entry = new Mempool.Entry(other, 5_000, other.vsize(), time, 102);
        assertArrayEquals(handMade, MempoolFile.encode(List.of(entry), key));
        List<MempoolFile.Stored> read = MempoolFile.decode(handMade.clone());
        assertEquals(1, read.size());
        assertEquals(other.txid(), read.get(0).tx().txid());
        assertEquals(time, read.get(0).time());

        // Core also stores prioritisation deltas and unbroadcast txids after the entries.
        java.io.ByteArrayOutputStream withSets = new java.io.ByteArrayOutputStream();
        withSets.write(plainBody, 0, plainBody.length - 2);
        withSets.write(1);
        withSets.write(other.txid().internalBytes());
        withSets.write(new byte[] {(byte) 0xe8, 0x03, 0, 0, 0, 0, 0, 0});
        withSets.write(2);
        withSets.write(other.txid().internalBytes());
        withSets.write(parent.txid().internalBytes());
        byte[] plain2 = withSets.toByteArray();
        byte[] file2 = Arrays.copyOf(handMade, 17 + plain2.length);
        for (int i = 0; i < plain2.length; i++) {
            file2[17 + i] = (byte) (plain2[i] ^ key[(17 + i) % 8]);
        }
        assertEquals(other.txid(), MempoolFile.decode(file2.clone()).get(0).tx().txid());
        DecodeException cut = assertThrows(DecodeException.class,
                () -> MempoolFile.decode(Arrays.copyOf(file2, file2.length - 1)));
        assertTrue(cut.getMessage().contains("mempool.dat unbroadcast"), cut.getMessage());
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
    void aTruncatedOrCorruptFileLoadsNothingAndSaysWhere() throws Exception {
        Path file = dir.resolve("mempool.dat");
        t.mempool.save(file);
        byte[] data = Files.readAllBytes(file);
        // Cut inside the trailing unbroadcast set: every entry decodes, yet none is loaded.
        Files.write(file, Arrays.copyOf(data, data.length - 1));
        Mempool fresh = new Mempool(t.chain);
        String log = fresh.load(file);
        assertEquals("Failed to deserialize mempool data on file: end of data reading mempool.dat unbroadcast set at"
                + " offset " + (data.length - 1) + " (need 1 bytes, have 0). Continuing anyway.", log);
        assertTrue(fresh.isLoaded());
        assertEquals(0, fresh.size(), "all or nothing");

        Files.write(file, Arrays.copyOf(data, 200));
        String cutTx = new Mempool(t.chain).load(file);
        assertTrue(cutTx.startsWith("Failed to deserialize mempool data on file: ") && cutTx.contains("offset"), cutTx);

        byte[] wrongKeyLength = data.clone();
        wrongKeyLength[8] = 7;
        assertTrue(new Mempool(t.chain).load(write(file, wrongKeyLength)).contains("obfuscation key has 7 bytes"));
        assertTrue(new Mempool(t.chain).load(write(file, new byte[] {9, 0, 0, 0, 0, 0, 0, 0})).contains("version 9"));
        assertTrue(new Mempool(t.chain).load(write(file, new byte[0])).contains("mempool.dat version"));
    }

    private static Path write(Path file, byte[] data) throws Exception {
        Files.write(file, data);
        return file;
    }
}

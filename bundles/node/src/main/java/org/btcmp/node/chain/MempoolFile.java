package org.btcmp.node.chain;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.primitives.ByteReader;
import org.btcmp.primitives.ByteWriter;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Transaction;

/**
 * {@code mempool.dat} in Core's layout: a version (1 plain, 2 with an 8-byte XOR key applied by
 * file offset), the entry count, each transaction with witness, its entry time and fee delta, then
 * the fee-delta map and the unbroadcast set. We write version 1 (which Core still reads) and read
 * both.
 */
final class MempoolFile {
    static final long VERSION_PLAIN = 1;
    static final long VERSION_XOR = 2;

    /** A stored entry: the transaction and when it entered the mempool. */
    record Stored(Transaction tx, long time) {
    }

    private MempoolFile() {
    }

    /** Writes {@code entries} to {@code file} through a synced temporary file renamed over it. */
    static void write(Path file, List<Mempool.Entry> entries) throws IOException {
        ByteWriter w = new ByteWriter(64 + entries.size() * 300);
        w.writeInt64(VERSION_PLAIN);
        w.writeInt64(entries.size());
        for (Mempool.Entry e : entries) {
            e.tx().write(w, true);
            w.writeInt64(e.time());
            w.writeInt64(0);
        }
        w.writeCompactSize(0);
        w.writeCompactSize(0);
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(w.toByteArray()));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a mempool.dat; a malformed file is a DecodeException naming what was wrong. */
    static List<Stored> read(Path file) throws IOException, DecodeException {
        byte[] data = Files.readAllBytes(file);
        ByteReader r = new ByteReader(data);
        long version = r.readInt64("mempool.dat version");
        if (version == VERSION_XOR) {
            byte[] key = r.readVarBytes("mempool.dat obfuscation key");
            if (key.length != 8) {
                throw new DecodeException("mempool.dat obfuscation key has " + key.length + " bytes, not 8");
            }
            for (int i = r.position(); i < data.length; i++) {
                data[i] ^= key[i % 8];
            }
        } else if (version != VERSION_PLAIN) {
            throw new DecodeException("mempool.dat version " + version + " is not 1 or 2");
        }
        long count = r.readInt64("mempool.dat entry count");
        if (count < 0 || count > data.length / 60) {
            throw new DecodeException("mempool.dat claims " + count + " entries in " + data.length + " bytes");
        }
        List<Stored> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            Transaction tx = Transaction.read(r);
            long time = r.readInt64("mempool.dat entry time");
            r.readInt64("mempool.dat fee delta");
            out.add(new Stored(tx, time));
        }
        return out;
    }

    /** What loading did, in Core's log line's terms. */
    record LoadStats(int succeeded, int failed, int expired, int alreadyThere) {
    }

    /** Offers every stored entry younger than the pool's expiry back to {@code pool} with its original time. */
    static LoadStats load(Mempool pool, List<Stored> stored, long now) {
        int ok = 0;
        int failed = 0;
        int expired = 0;
        int already = 0;
        for (Stored s : stored) {
            if (s.time() < now - pool.expirySeconds()) {
                expired++;
            } else if (pool.contains(s.tx().txid())) {
                already++;
            } else {
                try {
                    pool.acceptLoaded(s.tx(), s.time());
                    ok++;
                } catch (ValidationException e) {
                    failed++;
                }
            }
        }
        return new LoadStats(ok, failed, expired, already);
    }
}

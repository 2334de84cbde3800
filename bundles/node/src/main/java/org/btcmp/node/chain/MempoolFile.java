package org.btcmp.node.chain;

import java.io.IOException;
import java.nio.ByteBuffer;
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
 * {@code mempool.dat} in Core's layout: a little-endian uint64 version, then for version 2 an
 * 8-byte obfuscation key (compact size 8 and the key, in the clear); everything after that is
 * XORed with the key, byte {@code i} of the file with key byte {@code i % 8}. The body: the entry
 * count (uint64), each transaction with witness followed by its entry time and fee delta (int64),
 * the fee-delta map (compact size, then txid and int64 per delta) and the unbroadcast txid set
 * (compact size, then txids). Version 1 is the same body without key or XOR. We write version 2
 * unless asked for 1 (Core's -persistmempoolv1) and read both.
 */
final class MempoolFile {
    static final long VERSION_PLAIN = 1;
    static final long VERSION_XOR = 2;
    static final int KEY_SIZE = 8;
    /** Where the body starts in a version 2 file: version, key length, key. */
    static final int XOR_BODY_OFFSET = 8 + 1 + KEY_SIZE;

    /** A stored entry: the transaction and when it entered the mempool. */
    record Stored(Transaction tx, long time) {
    }

    private MempoolFile() {
    }

    /** The file's bytes: version 1 when {@code key} is null, else version 2 obfuscated with the 8-byte key. */
    static byte[] encode(List<Mempool.Entry> entries, byte[] key) {
        if (key != null && key.length != KEY_SIZE) {
            throw new IllegalArgumentException("mempool.dat key must have " + KEY_SIZE + " bytes");
        }
        ByteWriter w = new ByteWriter(64 + entries.size() * 300);
        w.writeInt64(key == null ? VERSION_PLAIN : VERSION_XOR);
        if (key != null) {
            w.writeCompactSize(KEY_SIZE).writeBytes(key);
        }
        w.writeInt64(entries.size());
        for (Mempool.Entry e : entries) {
            e.tx().write(w, true);
            w.writeInt64(e.time());
            w.writeInt64(0);
        }
        w.writeCompactSize(0);
        w.writeCompactSize(0);
        byte[] data = w.toByteArray();
        if (key != null) {
            xor(data, XOR_BODY_OFFSET, key);
        }
        return data;
    }

    /** Writes {@link #encode} through a synced temporary file renamed over {@code file}. */
    static void write(Path file, List<Mempool.Entry> entries, byte[] key) throws IOException {
        byte[] data = encode(entries, key);
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Core's obfuscation: file byte {@code i} (from {@code from} on) XOR key byte {@code i % 8}. */
    private static void xor(byte[] data, int from, byte[] key) {
        for (int i = from; i < data.length; i++) {
            data[i] ^= key[i % KEY_SIZE];
        }
    }

    /**
     * Reads a whole mempool.dat, both trailing sets included, before anything is loaded: a
     * malformed or truncated file is a DecodeException naming what was wrong and at which offset.
     */
    static List<Stored> read(Path file) throws IOException, DecodeException {
        return decode(Files.readAllBytes(file));
    }

    static List<Stored> decode(byte[] data) throws DecodeException {
        ByteReader r = new ByteReader(data);
        long version = r.readInt64("mempool.dat version");
        if (version == VERSION_XOR) {
            byte[] key = r.readVarBytes("mempool.dat obfuscation key");
            if (key.length != KEY_SIZE) {
                throw new DecodeException("mempool.dat obfuscation key has " + key.length + " bytes, not 8");
            }
            xor(data, r.position(), key);
        } else if (version != VERSION_PLAIN) {
            throw new DecodeException("mempool.dat version " + version + " is not 1 or 2");
        }
        int countAt = r.position();
        long count = r.readInt64("mempool.dat entry count");
        if (count < 0 || count > data.length / 60) {
            throw new DecodeException("mempool.dat entry count " + count + " at offset " + countAt + " does not fit in "
                    + data.length + " bytes");
        }
        List<Stored> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            Transaction tx = Transaction.read(r);
            long time = r.readInt64("mempool.dat entry time");
            r.readInt64("mempool.dat fee delta");
            out.add(new Stored(tx, time));
        }
        int deltas = r.readCount("mempool.dat fee delta map", 40);
        for (int i = 0; i < deltas; i++) {
            r.readHash("mempool.dat fee delta txid");
            r.readInt64("mempool.dat fee delta");
        }
        int unbroadcast = r.readCount("mempool.dat unbroadcast set", 32);
        for (int i = 0; i < unbroadcast; i++) {
            r.readHash("mempool.dat unbroadcast txid");
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

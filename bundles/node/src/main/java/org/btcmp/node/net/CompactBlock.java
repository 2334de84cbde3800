package org.btcmp.node.net;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.BlockHeader;
import org.btcmp.primitives.ByteReader;
import org.btcmp.primitives.ByteWriter;
import org.btcmp.primitives.Transaction;

/**
 * BIP152's HeaderAndShortIDs (the cmpctblock payload, version 2): the header, a nonce, a 6-byte short id per
 * transaction (SipHash-2-4 of its wtxid under a key from the header and nonce) and the transactions sent whole,
 * by default the coinbase alone.
 */
record CompactBlock(BlockHeader header, long nonce, List<Long> shortIds, List<Prefilled> prefilled) {
    static final String COMMAND = "cmpctblock";
    private static final long SHORT_ID_MASK = 0xffff_ffff_ffffL;

    /** A transaction sent whole, at its index in the block. */
    record Prefilled(int index, Transaction tx) {
    }

    /** The compact form of {@code block}, prefilling the coinbase. */
    static CompactBlock of(Block block, long nonce) {
        long[] key = key(block.header(), nonce);
        List<Long> ids = new ArrayList<>();
        List<Transaction> txs = block.transactions();
        for (int i = 1; i < txs.size(); i++) {
            ids.add(shortId(key, txs.get(i)));
        }
        return new CompactBlock(block.header(), nonce, ids, List.of(new Prefilled(0, txs.get(0))));
    }

    /** The SipHash key: the first two little-endian words of SHA256(header || nonce). */
    static long[] key(BlockHeader header, long nonce) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(header.toBytes());
            sha.update(ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(nonce).array());
            byte[] h = sha.digest();
            return new long[] {SipHash.littleEndian(h, 0, 8), SipHash.littleEndian(h, 8, 8)};
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static long shortId(long[] key, Transaction tx) {
        return SipHash.hash(key[0], key[1], tx.wtxid().internalBytes()) & SHORT_ID_MASK;
    }

    int transactionCount() {
        return shortIds.size() + prefilled.size();
    }

    byte[] encode() {
        ByteWriter w = new ByteWriter();
        header.write(w);
        w.writeInt64(nonce);
        w.writeCompactSize(shortIds.size());
        for (long id : shortIds) {
            for (int i = 0; i < 6; i++) {
                w.writeUInt8((int) (id >>> (8 * i)) & 0xff);
            }
        }
        w.writeCompactSize(prefilled.size());
        int last = -1;
        for (Prefilled p : prefilled) {
            // Indexes are sent differentially: the gap since the previous one.
            w.writeCompactSize(p.index() - last - 1);
            last = p.index();
            p.tx().write(w, true);
        }
        return w.toByteArray();
    }

    /** Decodes a cmpctblock payload; throws MalformedMessageException for what Core would refuse to read. */
    static CompactBlock decode(byte[] payload) throws MalformedMessageException {
        try {
            ByteReader r = new ByteReader(payload);
            BlockHeader header = BlockHeader.read(r);
            long nonce = r.readInt64("nonce");
            int n = r.readCount("short ids", 6);
            List<Long> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(SipHash.littleEndian(r.readBytes(6, "short id"), 0, 6));
            }
            int m = r.readCount("prefilled transactions", 1);
            List<Prefilled> prefilled = new ArrayList<>(m);
            long index = -1;
            for (int i = 0; i < m; i++) {
                index += r.readCompactSize("prefilled index") + 1;
                if (index > 0xffff) {
                    throw new MalformedMessageException("cmpctblock: prefilled index " + index + " out of range");
                }
                prefilled.add(new Prefilled((int) index, Transaction.read(r)));
            }
            CompactBlock c = new CompactBlock(header, nonce, ids, prefilled);
            if (c.transactionCount() > 0xffff) {
                throw new MalformedMessageException("cmpctblock: " + c.transactionCount() + " transactions");
            }
            return c;
        } catch (MalformedMessageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedMessageException("cmpctblock: " + e.getMessage());
        }
    }
}

package org.btcmp.primitives;

import java.math.BigInteger;

/** The 80-byte block header; its double SHA-256 is the block hash. */
public record BlockHeader(int version, Hash256 prevBlock, Hash256 merkleRoot, long time, long bits, long nonce) {
    public static final int SIZE = 80;

    public void write(ByteWriter w) {
        w.writeInt32(version).writeHash(prevBlock).writeHash(merkleRoot)
                .writeUInt32(time).writeUInt32(bits).writeUInt32(nonce);
    }

    public byte[] toBytes() {
        ByteWriter w = new ByteWriter(SIZE);
        write(w);
        return w.toByteArray();
    }

    public Hash256 hash() {
        return Hashes.hash256(toBytes());
    }

    public BlockHeader withNonce(long n) {
        return new BlockHeader(version, prevBlock, merkleRoot, time, bits, n);
    }

    public BlockHeader withMerkleRoot(Hash256 root) {
        return new BlockHeader(version, prevBlock, root, time, bits, nonce);
    }

    public static BlockHeader read(ByteReader r) {
        return new BlockHeader(r.readInt32("header version"), r.readHash("previous block hash"),
                r.readHash("merkle root"), r.readUInt32("header time"), r.readUInt32("header bits"),
                r.readUInt32("header nonce"));
    }

    public static BlockHeader fromBytes(byte[] b) {
        ByteReader r = new ByteReader(b);
        BlockHeader h = read(r);
        if (!r.atEnd()) {
            throw new DecodeException("block header has " + r.remaining() + " extra bytes");
        }
        return h;
    }

    /** The proof-of-work target that {@code bits} encodes, or null when negative or overflowing (Core's SetCompact). */
    public static BigInteger targetFromBits(long bits) {
        int size = (int) (bits >>> 24);
        long word = bits & 0x007fffffL;
        boolean negative = word != 0 && (bits & 0x00800000L) != 0;
        boolean overflow = word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
        if (negative || overflow) {
            return null;
        }
        BigInteger w = BigInteger.valueOf(word);
        return size <= 3 ? w.shiftRight(8 * (3 - size)) : w.shiftLeft(8 * (size - 3));
    }

    /** Core's GetCompact: the compact encoding of a target. */
    public static long bitsFromTarget(BigInteger target) {
        int size = (target.bitLength() + 7) / 8;
        long compact;
        if (size <= 3) {
            compact = target.longValue() << (8 * (3 - size));
        } else {
            compact = target.shiftRight(8 * (size - 3)).longValue();
        }
        if ((compact & 0x00800000L) != 0) {
            compact >>= 8;
            size++;
        }
        return compact | ((long) size << 24);
    }

    /** Work a block with this target adds to a chain: 2^256 / (target + 1). */
    public static BigInteger workFromBits(long bits) {
        BigInteger target = targetFromBits(bits);
        if (target == null || target.signum() == 0) {
            return BigInteger.ZERO;
        }
        return BigInteger.ONE.shiftLeft(256).divide(target.add(BigInteger.ONE));
    }
}

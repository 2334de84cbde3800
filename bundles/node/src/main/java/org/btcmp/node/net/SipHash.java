package org.btcmp.node.net;

/**
 * SipHash-2-4 (Aumasson and Bernstein) with a 128-bit key given as two little-endian 64-bit halves, as BIP152
 * uses it for compact block short ids.
 */
final class SipHash {
    private SipHash() {
    }

    static long hash(long k0, long k1, byte[] data) {
        long[] v = {0x736f6d6570736575L ^ k0, 0x646f72616e646f6dL ^ k1, 0x6c7967656e657261L ^ k0,
            0x7465646279746573L ^ k1};
        int full = data.length & ~7;
        for (int i = 0; i < full; i += 8) {
            compress(v, littleEndian(data, i, 8));
        }
        // The last block: the remaining bytes, with the message length in its top byte.
        compress(v, littleEndian(data, full, data.length - full) | ((long) data.length << 56));
        v[2] ^= 0xff;
        for (int r = 0; r < 4; r++) {
            round(v);
        }
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void compress(long[] v, long m) {
        v[3] ^= m;
        round(v);
        round(v);
        v[0] ^= m;
    }

    private static void round(long[] v) {
        v[0] += v[1];
        v[1] = Long.rotateLeft(v[1], 13) ^ v[0];
        v[0] = Long.rotateLeft(v[0], 32);
        v[2] += v[3];
        v[3] = Long.rotateLeft(v[3], 16) ^ v[2];
        v[0] += v[3];
        v[3] = Long.rotateLeft(v[3], 21) ^ v[0];
        v[2] += v[1];
        v[1] = Long.rotateLeft(v[1], 17) ^ v[2];
        v[2] = Long.rotateLeft(v[2], 32);
    }

    static long littleEndian(byte[] b, int off, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (b[off + i] & 0xffL) << (8 * i);
        }
        return v;
    }
}

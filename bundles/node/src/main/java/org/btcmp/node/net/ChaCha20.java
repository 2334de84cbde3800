package org.btcmp.node.net;

/**
 * The ChaCha20 block function of RFC 8439 (32-byte key, 96-bit nonce, 32-bit block counter) as a keystream that
 * continues across calls, which BIP324's length cipher needs (it encrypts 3 bytes at a time from one stream).
 */
final class ChaCha20 {
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

    private final int[] key = new int[8];
    private final int[] nonce = new int[3];
    private int counter;
    private final byte[] block = new byte[64];
    private int used = 64;

    /** @param key 32 bytes @param nonce 12 bytes @param counter the first block's number */
    ChaCha20(byte[] key, byte[] nonce, int counter) {
        if (key.length != 32 || nonce.length != 12) {
            throw new IllegalArgumentException("ChaCha20 takes a 32-byte key and a 12-byte nonce");
        }
        for (int i = 0; i < 8; i++) {
            this.key[i] = le32(key, 4 * i);
        }
        for (int i = 0; i < 3; i++) {
            this.nonce[i] = le32(nonce, 4 * i);
        }
        this.counter = counter;
    }

    /** The next {@code n} keystream bytes. */
    byte[] keystream(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            if (used == 64) {
                nextBlock();
            }
            out[i] = block[used++];
        }
        return out;
    }

    /** XORs {@code data} with the next keystream bytes, in place. */
    void crypt(byte[] data) {
        for (int i = 0; i < data.length; i++) {
            if (used == 64) {
                nextBlock();
            }
            data[i] ^= block[used++];
        }
    }

    private void nextBlock() {
        int[] s = new int[16];
        System.arraycopy(SIGMA, 0, s, 0, 4);
        System.arraycopy(key, 0, s, 4, 8);
        s[12] = counter++;
        System.arraycopy(nonce, 0, s, 13, 3);
        int[] x = s.clone();
        for (int round = 0; round < 10; round++) {
            quarter(x, 0, 4, 8, 12);
            quarter(x, 1, 5, 9, 13);
            quarter(x, 2, 6, 10, 14);
            quarter(x, 3, 7, 11, 15);
            quarter(x, 0, 5, 10, 15);
            quarter(x, 1, 6, 11, 12);
            quarter(x, 2, 7, 8, 13);
            quarter(x, 3, 4, 9, 14);
        }
        for (int i = 0; i < 16; i++) {
            int v = x[i] + s[i];
            block[4 * i] = (byte) v;
            block[4 * i + 1] = (byte) (v >>> 8);
            block[4 * i + 2] = (byte) (v >>> 16);
            block[4 * i + 3] = (byte) (v >>> 24);
        }
        used = 0;
    }

    private static void quarter(int[] x, int a, int b, int c, int d) {
        x[a] += x[b];
        x[d] = Integer.rotateLeft(x[d] ^ x[a], 16);
        x[c] += x[d];
        x[b] = Integer.rotateLeft(x[b] ^ x[c], 12);
        x[a] += x[b];
        x[d] = Integer.rotateLeft(x[d] ^ x[a], 8);
        x[c] += x[d];
        x[b] = Integer.rotateLeft(x[b] ^ x[c], 7);
    }

    static int le32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    /** BIP324's nonce: a 4-byte and an 8-byte little-endian counter. */
    static byte[] nonce(int low, long high) {
        byte[] n = new byte[12];
        for (int i = 0; i < 4; i++) {
            n[i] = (byte) (low >>> (8 * i));
        }
        for (int i = 0; i < 8; i++) {
            n[4 + i] = (byte) (high >>> (8 * i));
        }
        return n;
    }
}

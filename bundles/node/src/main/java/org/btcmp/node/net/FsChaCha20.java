package org.btcmp.node.net;

/**
 * BIP324's FSChaCha20, the cipher of the 3-byte packet lengths: one ChaCha20 stream per key, and after every
 * {@value #REKEY_INTERVAL} chunks the next 32 stream bytes become the key (forward secrecy), with the nonce's
 * upper 8 bytes counting rekeys.
 */
final class FsChaCha20 {
    static final int REKEY_INTERVAL = 224;

    private ChaCha20 stream;
    private int chunks;
    private long rekeys;

    FsChaCha20(byte[] key) {
        this.stream = new ChaCha20(key, ChaCha20.nonce(0, 0), 0);
    }

    /** Encrypts or decrypts one chunk in place. */
    void crypt(byte[] chunk) {
        stream.crypt(chunk);
        if (++chunks == REKEY_INTERVAL) {
            byte[] next = stream.keystream(32);
            stream = new ChaCha20(next, ChaCha20.nonce(0, ++rekeys), 0);
            chunks = 0;
        }
    }
}

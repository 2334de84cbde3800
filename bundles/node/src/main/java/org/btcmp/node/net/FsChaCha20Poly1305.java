package org.btcmp.node.net;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * BIP324's FSChaCha20Poly1305, the packet AEAD: RFC 8439 ChaCha20-Poly1305 (the JDK's) with the nonce made of
 * the packet number within the key's lifetime and the number of rekeys; after every
 * {@value FsChaCha20#REKEY_INTERVAL} packets the key becomes the first 32 bytes of encrypting 32 zero bytes under
 * the nonce (0xffffffff, rekeys).
 */
final class FsChaCha20Poly1305 {
    static final int TAG_LENGTH = 16;

    private byte[] key;
    private int packets;
    private long rekeys;

    FsChaCha20Poly1305(byte[] key) {
        this.key = key.clone();
    }

    byte[] encrypt(byte[] aad, byte[] plaintext) {
        try {
            byte[] out = run(Cipher.ENCRYPT_MODE, key, ChaCha20.nonce(packets, rekeys), aad, plaintext);
            advance();
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 is part of every JDK since 11", e);
        }
    }

    /** @throws AEADBadTagException when the ciphertext or aad was altered (the packet counts as used all the same) */
    byte[] decrypt(byte[] aad, byte[] ciphertext) throws AEADBadTagException {
        try {
            return run(Cipher.DECRYPT_MODE, key, ChaCha20.nonce(packets, rekeys), aad, ciphertext);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 is part of every JDK since 11", e);
        } finally {
            advance();
        }
    }

    private void advance() {
        if (++packets == FsChaCha20.REKEY_INTERVAL) {
            try {
                byte[] next = run(Cipher.ENCRYPT_MODE, key, ChaCha20.nonce(-1, rekeys), new byte[0], new byte[32]);
                key = Arrays.copyOf(next, 32);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("ChaCha20-Poly1305 is part of every JDK since 11", e);
            }
            packets = 0;
            rekeys++;
        }
    }

    private static byte[] run(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input)
            throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        c.updateAAD(aad);
        return c.doFinal(input);
    }
}

package org.btcmp.wallet.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.btcmp.primitives.Hashes;

/**
 * Wallet encryption as Core does it conceptually: a random 256-bit master key encrypts every secret
 * with AES-256-CBC; the master key itself is stored encrypted under a key derived from the passphrase
 * by iterated SHA-512 over passphrase and salt (Core's BytesToKeySHA512AES).
 */
final class MasterKeyCrypter {
    static final int SALT_LENGTH = 8;
    static final int MIN_ROUNDS = 25_000;

    /** The stored form of the encrypted master key. */
    record EncryptedMasterKey(byte[] salt, int rounds, byte[] check, byte[] ciphertext) {
        byte[] serialize() {
            return ByteBuffer.allocate(SALT_LENGTH + 4 + 32 + ciphertext.length)
                    .put(salt).putInt(rounds).put(check).put(ciphertext).array();
        }

        static EncryptedMasterKey parse(byte[] b) {
            if (b.length < SALT_LENGTH + 4 + 32 + 16) {
                throw new IllegalStateException("stored master key record is truncated");
            }
            ByteBuffer in = ByteBuffer.wrap(b);
            byte[] salt = new byte[SALT_LENGTH];
            in.get(salt);
            int rounds = in.getInt();
            byte[] check = new byte[32];
            in.get(check);
            byte[] ciphertext = new byte[in.remaining()];
            in.get(ciphertext);
            return new EncryptedMasterKey(salt, rounds, check, ciphertext);
        }
    }

    private MasterKeyCrypter() {
    }

    static EncryptedMasterKey seal(byte[] masterKey, String passphrase, byte[] salt, int rounds) {
        byte[][] keyIv = keyFromPassphrase(passphrase, salt, rounds);
        return new EncryptedMasterKey(salt, rounds, Hashes.sha256(masterKey), aes(Cipher.ENCRYPT_MODE, keyIv[0], keyIv[1], masterKey));
    }

    /** The master key, or a {@link WalletError} (-14) when the passphrase is wrong. */
    static byte[] open(EncryptedMasterKey sealed, String passphrase) {
        byte[][] keyIv = keyFromPassphrase(passphrase, sealed.salt(), sealed.rounds());
        byte[] master;
        try {
            master = aes(Cipher.DECRYPT_MODE, keyIv[0], keyIv[1], sealed.ciphertext());
        } catch (IllegalStateException e) {
            master = null;
        }
        if (master == null || !MessageDigest.isEqual(Hashes.sha256(master), sealed.check())) {
            throw new WalletError(WalletError.PASSPHRASE_INCORRECT,
                    "Error: The wallet passphrase entered was incorrect.");
        }
        return master;
    }

    /** Encrypts one secret under the master key; the IV comes from the secret's name, as Core's from the pubkey. */
    static byte[] encryptSecret(byte[] masterKey, String name, byte[] plaintext) {
        return aes(Cipher.ENCRYPT_MODE, masterKey, ivFor(name), plaintext);
    }

    static byte[] decryptSecret(byte[] masterKey, String name, byte[] ciphertext) {
        return aes(Cipher.DECRYPT_MODE, masterKey, ivFor(name), ciphertext);
    }

    /** Rounds that take about {@code targetMillis} here, never fewer than Core's minimum. */
    static int calibrateRounds(long targetMillis) {
        long start = System.nanoTime();
        int probe = 10_000;
        keyFromPassphrase("calibration", new byte[SALT_LENGTH], probe);
        long elapsed = Math.max(1, System.nanoTime() - start);
        long rounds = probe * targetMillis * 1_000_000L / elapsed;
        return (int) Math.max(MIN_ROUNDS, Math.min(rounds, 10_000_000L));
    }

    private static byte[] ivFor(String name) {
        return Arrays.copyOf(Hashes.sha256d(name.getBytes(StandardCharsets.UTF_8)), 16);
    }

    private static byte[][] keyFromPassphrase(String passphrase, byte[] salt, int rounds) {
        try {
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            sha512.update(passphrase.getBytes(StandardCharsets.UTF_8));
            sha512.update(salt);
            byte[] buf = sha512.digest();
            for (int i = 1; i < rounds; i++) {
                buf = sha512.digest(buf);
            }
            return new byte[][] {Arrays.copyOf(buf, 32), Arrays.copyOfRange(buf, 32, 48)};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-512 is missing from this JDK", e);
        }
    }

    private static byte[] aes(int mode, byte[] key, byte[] iv, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(data);
        } catch (BadPaddingException e) {
            throw new IllegalStateException("decryption failed (wrong key or damaged data)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is not available in this JDK", e);
        }
    }
}

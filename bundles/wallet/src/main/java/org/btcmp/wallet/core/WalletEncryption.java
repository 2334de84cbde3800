package org.btcmp.wallet.core;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.btcmp.wallet.store.MetaRecords;
import org.btcmp.wallet.store.SecretRecords;
import org.btcmp.wallet.store.WalletDatabase;

/**
 * A wallet's encryption state and the calls that change it (Core's encryptwallet, walletpassphrase,
 * walletlock, walletpassphrasechange), and the one way secrets go in and out of the file: sealed under
 * the master key whenever the wallet is encrypted.
 */
final class WalletEncryption {
    static final String META_MASTER_KEY = "master_key";
    private static final long UNLOCK_TIMEOUT_CAP_SECONDS = 100_000_000L; // Core's cap for walletpassphrase
    private static final String UNLOCK_FIRST = "Error: Please enter the wallet passphrase with walletpassphrase first.";

    private final WalletDatabase db;
    private final KeyVault vault;
    private final Clock clock;

    WalletEncryption(WalletDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.vault = new KeyVault(clock);
    }

    boolean isEncrypted() {
        return db.read(c -> MetaRecords.get(c, META_MASTER_KEY).isPresent());
    }

    Optional<Instant> unlockedUntil() {
        return vault.unlockedUntil();
    }

    /** Encrypts every secret in one transaction, purges the plaintext from file and log, and locks. */
    void encrypt(String passphrase) {
        checkNewPassphrase(passphrase);
        if (isEncrypted()) {
            throw new WalletError(WalletError.WRONG_ENC_STATE,
                    "Error: running with an encrypted wallet, but encryptwallet was called.");
        }
        byte[] masterKey = newMasterKey();
        byte[] sealed = seal(masterKey, passphrase);
        db.write(c -> {
            MetaRecords.put(c, META_MASTER_KEY, sealed);
            for (var s : SecretRecords.all(c).entrySet()) {
                SecretRecords.put(c, s.getKey(),
                        MasterKeyCrypter.encryptSecret(masterKey, s.getKey(), s.getValue().bytes()), true);
            }
            return null;
        });
        db.checkpointAndTruncateLog();
        vault.lock();
    }

    void unlock(String passphrase, Duration timeout) {
        if (timeout.isNegative()) {
            throw new WalletError(WalletError.INVALID_PARAMETER, "Timeout cannot be negative.");
        }
        byte[] sealed = sealedMasterKey("walletpassphrase");
        checkGivenPassphrase(passphrase);
        byte[] masterKey = MasterKeyCrypter.open(MasterKeyCrypter.EncryptedMasterKey.parse(sealed), passphrase);
        Duration cap = Duration.ofSeconds(UNLOCK_TIMEOUT_CAP_SECONDS);
        vault.unlock(masterKey, clock.instant().plus(timeout.compareTo(cap) > 0 ? cap : timeout));
    }

    void lock() {
        sealedMasterKey("walletlock");
        vault.lock();
    }

    /** Reseals the master key under the new passphrase; the secrets themselves do not change. */
    void changePassphrase(String oldPassphrase, String newPassphrase) {
        byte[] sealed = sealedMasterKey("walletpassphrasechange");
        checkGivenPassphrase(oldPassphrase);
        checkNewPassphrase(newPassphrase);
        byte[] masterKey = MasterKeyCrypter.open(MasterKeyCrypter.EncryptedMasterKey.parse(sealed), oldPassphrase);
        byte[] resealed = seal(masterKey, newPassphrase);
        db.write(c -> {
            MetaRecords.put(c, META_MASTER_KEY, resealed);
            return null;
        });
        db.checkpointAndTruncateLog();
    }

    /** The stored form of a new secret: sealed when the wallet is encrypted (which needs it unlocked). */
    SecretRecords.Stored protect(String name, byte[] plaintext) {
        if (!isEncrypted()) {
            return new SecretRecords.Stored(plaintext, false);
        }
        byte[] masterKey = vault.masterKey().orElseThrow(() -> new WalletError(WalletError.UNLOCK_NEEDED, UNLOCK_FIRST));
        return new SecretRecords.Stored(MasterKeyCrypter.encryptSecret(masterKey, name, plaintext), true);
    }

    /** A stored secret in plaintext (needs the wallet unlocked when encrypted). */
    byte[] reveal(String name) {
        SecretRecords.Stored stored = db.read(c -> SecretRecords.get(c, name)).orElseThrow(() -> new WalletError(
                WalletError.WALLET_ERROR, "Can't get descriptor string: no private key for " + name));
        if (!stored.encrypted()) {
            return stored.bytes();
        }
        byte[] masterKey = vault.masterKey().orElseThrow(() -> new WalletError(WalletError.UNLOCK_NEEDED, UNLOCK_FIRST));
        return MasterKeyCrypter.decryptSecret(masterKey, name, stored.bytes());
    }

    /** Forgets the master key (on close). */
    void forget() {
        vault.lock();
    }

    static byte[] newMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The master key sealed under a passphrase with a fresh salt and rounds taking ~100 ms here. */
    static byte[] seal(byte[] masterKey, String passphrase) {
        byte[] salt = new byte[MasterKeyCrypter.SALT_LENGTH];
        new SecureRandom().nextBytes(salt);
        return MasterKeyCrypter.seal(masterKey, passphrase, salt, MasterKeyCrypter.calibrateRounds(100)).serialize();
    }

    static void checkNewPassphrase(String passphrase) {
        checkGivenPassphrase(passphrase);
    }

    private static void checkGivenPassphrase(String passphrase) {
        if (passphrase.isEmpty()) {
            throw new WalletError(WalletError.INVALID_PARAMETER, "passphrase cannot be empty");
        }
    }

    private byte[] sealedMasterKey(String call) {
        return db.read(c -> MetaRecords.get(c, META_MASTER_KEY)).orElseThrow(() -> new WalletError(
                WalletError.WRONG_ENC_STATE, "Error: running with an unencrypted wallet, but " + call + " was called."));
    }
}

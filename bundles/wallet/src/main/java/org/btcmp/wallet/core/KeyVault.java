package org.btcmp.wallet.core;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The master key while the wallet is unlocked (walletpassphrase with a timeout), in memory only.
 * Expiry is checked on every use against the wallet's clock, so mock time relocks it too.
 */
final class KeyVault {
    private final Clock clock;
    private byte[] masterKey; // guarded by this
    private Instant until = Instant.MIN; // guarded by this

    KeyVault(Clock clock) {
        this.clock = clock;
    }

    synchronized void unlock(byte[] key, Instant expiry) {
        lock();
        masterKey = key.clone();
        until = expiry;
    }

    synchronized Optional<byte[]> masterKey() {
        if (masterKey != null && !clock.instant().isBefore(until)) {
            lock();
        }
        return Optional.ofNullable(masterKey).map(byte[]::clone);
    }

    synchronized Optional<Instant> unlockedUntil() {
        return masterKey().isPresent() ? Optional.of(until) : Optional.empty();
    }

    synchronized void lock() {
        if (masterKey != null) {
            Arrays.fill(masterKey, (byte) 0);
        }
        masterKey = null;
        until = Instant.MIN;
    }
}

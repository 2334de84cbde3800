package org.btcmp.wallet.core;

import java.time.Clock;
import java.util.Optional;
import org.btcmp.common.args.ChainType;

/**
 * How a wallet is created or loaded.
 *
 * @param network the chain the wallet belongs to (its keys and addresses follow it)
 * @param keypoolSize how many unused scripts each descriptor keeps derived ahead (Core's -keypool)
 * @param clock the wallet's time (creation times, unlock timeouts); mock time in tests
 */
public record WalletOptions(ChainType network, int keypoolSize, Clock clock) {
    /** Core's default -keypool. */
    public static final int DEFAULT_KEYPOOL_SIZE = 1000;

    public WalletOptions {
        if (keypoolSize < 1) {
            throw new IllegalArgumentException("keypool size must be at least 1, got " + keypoolSize);
        }
    }

    public static WalletOptions of(ChainType network) {
        return new WalletOptions(network, DEFAULT_KEYPOOL_SIZE, Clock.systemUTC());
    }

    public WalletOptions withKeypoolSize(int size) {
        return new WalletOptions(network, size, clock);
    }

    public WalletOptions withClock(Clock c) {
        return new WalletOptions(network, keypoolSize, c);
    }

    /**
     * What a new wallet starts from: a BIP39 mnemonic (with its optional BIP39 passphrase) or, when
     * empty, 256 bits of fresh randomness; an optional wallet passphrase to encrypt it from birth; or
     * nothing at all ({@code blank}: no seed and no descriptors until some are imported, Core's blank wallet).
     * {@code flags} are Core's persistent wallet flags the wallet starts with (avoid_reuse,
     * disable_private_keys); a wallet without private keys is always blank.
     */
    public record Seed(Optional<String> mnemonic, String mnemonicPassphrase, Optional<String> walletPassphrase,
            boolean blank, long flags) {
        /** Core's WALLET_FLAG_AVOID_REUSE. */
        public static final long FLAG_AVOID_REUSE = 1L;
        /** Core's WALLET_FLAG_DISABLE_PRIVATE_KEYS. */
        public static final long FLAG_DISABLE_PRIVATE_KEYS = 1L << 32;

        public static Seed random() {
            return new Seed(Optional.empty(), "", Optional.empty(), false, 0);
        }

        public static Seed mnemonic(String words, String bip39Passphrase) {
            return new Seed(Optional.of(words), bip39Passphrase, Optional.empty(), false, 0);
        }

        /** No keys at all: descriptors come later through importdescriptors. */
        public static Seed blankWallet() {
            return new Seed(Optional.empty(), "", Optional.empty(), true, 0);
        }

        /** A watch-only wallet: blank, and only descriptors without private keys may be imported. */
        public static Seed watchOnly() {
            return new Seed(Optional.empty(), "", Optional.empty(), true, FLAG_DISABLE_PRIVATE_KEYS);
        }

        public Seed encryptedWith(String passphrase) {
            return new Seed(mnemonic, mnemonicPassphrase, Optional.of(passphrase), blank, flags);
        }

        /** The same seed with Core's avoid_reuse flag set. */
        public Seed avoidingReuse() {
            return new Seed(mnemonic, mnemonicPassphrase, walletPassphrase, blank, flags | FLAG_AVOID_REUSE);
        }
    }
}

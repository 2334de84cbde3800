package org.btcmp.interfaces;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates, loads and unloads wallets, and lists them (Core's interfaces::WalletLoader), for the node
 * and the GUI. Names are as Core's: a wallet called {@code n} lives in {@code <walletdir>/n/}, the
 * unnamed default wallet ("") directly in the wallet directory.
 *
 * <p>Refusals are thrown as {@link WalletException} carrying Core's message and RPC error code.
 */
@ProviderType
public interface WalletLoader {
    /** Core's WALLET_FLAG_BLANK_WALLET: the new wallet has no keys and no descriptors. */
    long WALLET_FLAG_BLANK_WALLET = 1L << 28;
    /** Core's WALLET_FLAG_DISABLE_PRIVATE_KEYS: a watch-only wallet. */
    long WALLET_FLAG_DISABLE_PRIVATE_KEYS = 1L << 32;
    /** Core's WALLET_FLAG_DESCRIPTORS: every wallet here is a descriptor wallet. */
    long WALLET_FLAG_DESCRIPTORS = 1L << 34;

    /**
     * Creates and loads a new wallet; encrypted with {@code passphrase} unless it is empty.
     * {@code flags} are Core's WALLET_FLAG_* bits.
     */
    Wallet createWallet(String name, String passphrase, long flags);

    /** Loads an existing wallet from the wallet directory. */
    Wallet loadWallet(String name);

    /** Unloads a loaded wallet: it stops following the chain and its file is released. */
    void unloadWallet(String name);

    /** The names of the loaded wallets, in the order they were loaded. */
    List<String> listWallets();

    /** The names of the wallets found in the wallet directory (loaded or not), sorted. */
    List<String> listWalletDir();

    /** The wallet directory's absolute path. */
    String getWalletDir();

    /** Whether the loaded wallet {@code name} has its private keys encrypted. */
    boolean isEncrypted(String name);

    /** The loaded wallets, in the order they were loaded. */
    List<Wallet> getWallets();

    /** Calls {@code listener} with each wallet loaded or created from now on, until the handler is disconnected. */
    Handler handleLoadWallet(LoadWalletListener listener);

    /** Hears of each wallet loaded or created (a callback object: it may live in another process). */
    @ConsumerType
    @FunctionalInterface
    interface LoadWalletListener {
        void walletLoaded(Wallet wallet);
    }
}

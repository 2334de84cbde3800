package org.btcmp.wallet.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.Wallet;
import org.btcmp.interfaces.WalletException;
import org.btcmp.interfaces.WalletLoader;
import org.btcmp.wallet.core.DescriptorWallet;
import org.btcmp.wallet.core.LoadedWallet;
import org.btcmp.wallet.core.WalletError;
import org.btcmp.wallet.core.WalletOptions;
import org.btcmp.wallet.store.WalletFileException;
import org.btcmp.wallet.store.WalletPaths;

/**
 * The wallets of one process (Core's WalletContext behind interfaces::WalletLoader): creates and loads
 * them from the wallet directory, keeps each following the node through {@link Chain}, and unloads
 * them. Refusals carry Core's messages and RPC codes.
 */
public final class WalletManager implements WalletLoader, AutoCloseable {
    /** Core's RPC_WALLET_ERROR. */
    static final int WALLET_ERROR = -4;
    /** Core's RPC_WALLET_NOT_FOUND. */
    static final int WALLET_NOT_FOUND = -18;
    /** Core's RPC_WALLET_ALREADY_LOADED. */
    static final int WALLET_ALREADY_LOADED = -35;

    private final Chain chain;
    private final Path walletsDir;
    private final WalletOptions options;
    private final long fallbackFeeRate;
    private final Map<String, LoadedWallet> loaded = new LinkedHashMap<>(); // guarded by this
    private final List<LoadWalletListener> loadListeners = new CopyOnWriteArrayList<>();

    /**
     * @param walletsDir {@code <datadir>/<network>/wallets}
     * @param fallbackFeeRate Core's -fallbackfee in sat/kvB (0: disabled, Core's default on regtest too)
     */
    public WalletManager(Chain chain, Path walletsDir, WalletOptions options, long fallbackFeeRate) {
        this.chain = chain;
        this.walletsDir = walletsDir.toAbsolutePath().normalize();
        this.options = options;
        this.fallbackFeeRate = fallbackFeeRate;
    }

    @Override
    public Wallet createWallet(String name, String passphrase, long flags) {
        return create(name, passphrase, flags).service();
    }

    /** {@link #createWallet}, returning the loader's own handle on the wallet (for the RPC layer). */
    public LoadedWallet create(String name, String passphrase, long flags) {
        boolean watchOnly = (flags & WALLET_FLAG_DISABLE_PRIVATE_KEYS) != 0;
        if (watchOnly && !passphrase.isEmpty()) {
            throw new WalletException(WALLET_ERROR, "Passphrase provided but private keys are disabled. A passphrase is only"
                    + " used to encrypt private keys, so cannot be used for wallets with private keys disabled.");
        }
        Path dir = dirOf(name);
        LoadedWallet w;
        synchronized (this) {
            if (loaded.containsKey(name) || Files.exists(WalletPaths.walletFile(dir))) {
                throw new WalletException(WALLET_ERROR,
                        "Failed to create database path '" + dir + "'. Database already exists.");
            }
            WalletOptions.Seed base = watchOnly ? WalletOptions.Seed.watchOnly()
                    : (flags & WALLET_FLAG_BLANK_WALLET) != 0 ? WalletOptions.Seed.blankWallet() : WalletOptions.Seed.random();
            if ((flags & WalletOptions.Seed.FLAG_AVOID_REUSE) != 0) {
                base = base.avoidingReuse();
            }
            WalletOptions.Seed seed = passphrase.isEmpty() ? base : base.encryptedWith(passphrase);
            DescriptorWallet wallet;
            try {
                wallet = DescriptorWallet.create(dir, options, seed);
            } catch (WalletFileException e) {
                throw refusal(e, false);
            } catch (WalletError e) {
                throw new WalletException(e.code(), e.getMessage());
            }
            w = LoadedWallet.attach(name, wallet, chain, fallbackFeeRate);
            loaded.put(name, w);
        }
        loadListeners.forEach(l -> l.walletLoaded(w.service()));
        return w;
    }

    @Override
    public Wallet loadWallet(String name) {
        return load(name).service();
    }

    /** {@link #loadWallet}, returning the loader's own handle on the wallet (for the RPC layer). */
    public LoadedWallet load(String name) {
        Path dir = dirOf(name);
        LoadedWallet w;
        synchronized (this) {
            if (loaded.containsKey(name)) {
                throw new WalletException(WALLET_ALREADY_LOADED, "Wallet \"" + name + "\" is already loaded.");
            }
            if (!Files.exists(dir)) {
                throw new WalletException(WALLET_NOT_FOUND, "Wallet file verification failed. Failed to load database path '"
                        + dir + "'. Path does not exist.");
            }
            DescriptorWallet wallet;
            try {
                wallet = DescriptorWallet.load(dir, options);
            } catch (WalletFileException e) {
                throw refusal(e, true);
            }
            w = LoadedWallet.attach(name, wallet, chain, fallbackFeeRate);
            loaded.put(name, w);
        }
        loadListeners.forEach(l -> l.walletLoaded(w.service()));
        return w;
    }

    @Override
    public void unloadWallet(String name) {
        unload(name).service().notifyUnloaded();
    }

    private LoadedWallet unload(String name) {
        LoadedWallet w;
        synchronized (this) {
            w = loaded.remove(name);
        }
        if (w == null) {
            throw new WalletException(WALLET_NOT_FOUND, "Requested wallet does not exist or is not loaded");
        }
        w.close();
        return w;
    }

    @Override
    public synchronized List<String> listWallets() {
        return new ArrayList<>(loaded.keySet());
    }

    @Override
    public List<String> listWalletDir() {
        try {
            return WalletPaths.listWallets(walletsDir);
        } catch (IOException e) {
            throw new WalletException(WALLET_ERROR, "Cannot list the wallet directory " + walletsDir + ": " + e.getMessage());
        }
    }

    @Override
    public String getWalletDir() {
        return walletsDir.toString();
    }

    @Override
    public boolean isEncrypted(String name) {
        return get(name).orElseThrow(() -> new WalletException(WALLET_NOT_FOUND,
                "Requested wallet does not exist or is not loaded")).wallet().isEncrypted();
    }

    @Override
    public synchronized List<Wallet> getWallets() {
        return loaded.values().stream().map(w -> (Wallet) w.service()).toList();
    }

    /** The loaded wallets as the loader holds them, in load order. */
    public synchronized List<LoadedWallet> loadedWallets() {
        return new ArrayList<>(loaded.values());
    }

    public synchronized Optional<LoadedWallet> get(String name) {
        return Optional.ofNullable(loaded.get(name));
    }

    @Override
    public Handler handleLoadWallet(LoadWalletListener listener) {
        loadListeners.add(listener);
        return () -> loadListeners.remove(listener);
    }

    /**
     * Closes every wallet (process shutdown) without the unload notice: they were not unloaded by request,
     * so a node that restarts this process loads them again.
     */
    @Override
    public void close() {
        for (String name : listWallets()) {
            try {
                unload(name);
            } catch (WalletException alreadyGone) {
                // unloaded meanwhile by another caller: nothing left to do
            }
        }
    }

    private Path dirOf(String name) {
        try {
            return WalletPaths.walletDir(walletsDir, name);
        } catch (WalletFileException e) {
            throw new WalletException(WALLET_ERROR, e.getMessage());
        }
    }

    /** Core's codes for a file refused on load (bad format reads as not found, as Core maps it) or create. */
    private static WalletException refusal(WalletFileException e, boolean loading) {
        String prefix = loading ? "Wallet file verification failed. " : "";
        int code = switch (e.reason()) {
            case NOT_FOUND, CORRUPT, NOT_A_WALLET -> loading ? WALLET_NOT_FOUND : WALLET_ERROR;
            default -> WALLET_ERROR;
        };
        return new WalletException(code, prefix + e.getMessage());
    }
}

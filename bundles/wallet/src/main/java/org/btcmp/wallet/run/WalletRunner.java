package org.btcmp.wallet.run;

import java.io.IOException;
import java.nio.file.Files;
import java.util.function.Consumer;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.WalletLoader;
import org.btcmp.ipc.IpcException;
import org.btcmp.wallet.WalletChainClient;

/**
 * The wallets of one process on one node's Chain, however the Chain was reached: starts them (wallet
 * RPCs on the node, the -wallet wallets loaded, the loader handed to the node), optionally watches that the node is still there, and
 * closes them. Failures go to {@code fail} as one line (the process's init error).
 */
final class WalletRunner implements AutoCloseable {
    /** How often a wallet in another process than its node checks that the node is still there. */
    private static final long WATCH_MILLIS = 250;

    private final WalletSettings settings;
    private final Consumer<String> fail;
    private final boolean registersLoader;
    private volatile boolean closing;
    private WalletChainClient client; // guarded by this
    private Handler registration; // guarded by this
    private Thread watcher; // guarded by this

    /**
     * @param registersLoader whether to hand the loader to the node through {@link Chain#registerWalletLoader}
     *     (a node that spawned this process got it from makeWalletLoader already)
     */
    WalletRunner(WalletSettings settings, Consumer<String> fail, boolean registersLoader) {
        this.settings = settings;
        this.fail = fail;
        this.registersLoader = registersLoader;
    }

    /**
     * Starts the wallets on {@code chain} and returns their loader.
     *
     * @throws IllegalStateException when they cannot start (also reported to {@code fail})
     */
    WalletLoader start(Chain chain) {
        try {
            Files.createDirectories(settings.walletDir());
        } catch (IOException e) {
            throw failed("Cannot create the wallet directory " + settings.walletDir() + ": " + e.getMessage());
        }
        WalletChainClient started;
        try {
            started = WalletChainClient.start(chain, settings.walletDir(), settings.chainName(),
                    settings.fallbackFeeRate(), settings.keypoolSize());
        } catch (IpcException e) {
            throw failed("node disconnected");
        }
        synchronized (this) {
            if (closing || client != null) {
                closeQuietly(started);
                throw new IllegalStateException(closing ? "the wallet process is stopping" : "the wallets run already");
            }
            client = started;
        }
        for (String name : settings.startupWallets()) {
            try {
                started.loader().loadWallet(name);
            } catch (IpcException e) {
                throw failed("node disconnected");
            } catch (RuntimeException e) {
                throw failed(e.getMessage());
            }
        }
        if (registersLoader) {
            Handler registered;
            try {
                registered = chain.registerWalletLoader(started.loader());
            } catch (IpcException e) {
                throw failed("node disconnected");
            }
            synchronized (this) {
                registration = registered;
            }
        }
        return started.loader();
    }

    /** Runs {@code nodeGone} once, as soon as a call to the node fails for want of it. */
    synchronized void watchNode(Runnable nodeGone) {
        if (client == null || watcher != null) {
            return;
        }
        Chain chain = client.chain();
        watcher = new Thread(() -> watch(chain, nodeGone), "wallet-node-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch(Chain chain, Runnable nodeGone) {
        while (!closing) {
            try {
                chain.getHeight();
            } catch (IpcException e) {
                if (!closing) {
                    nodeGone.run();
                }
                return;
            }
            try {
                Thread.sleep(WATCH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private IllegalStateException failed(String message) {
        fail.accept(message);
        return new IllegalStateException(message);
    }

    /** Removes the wallet RPCs from the node (if it is still there) and closes every wallet. */
    @Override
    public void close() {
        closing = true;
        WalletChainClient running;
        Handler registered;
        synchronized (this) {
            if (watcher != null) {
                watcher.interrupt();
            }
            running = client;
            client = null;
            registered = registration;
            registration = null;
        }
        if (registered != null) {
            disconnectQuietly(registered);
        }
        if (running != null) {
            closeQuietly(running);
        }
    }

    private static void disconnectQuietly(Handler handler) {
        try {
            handler.disconnect();
        } catch (IpcException nodeGone) {
            // the registration went with the node
        }
    }

    private static void closeQuietly(WalletChainClient c) {
        try {
            c.close();
        } catch (IpcException nodeGone) {
            // the node went first: its side of the registrations went with it; the wallets are closed anyway
        }
    }
}

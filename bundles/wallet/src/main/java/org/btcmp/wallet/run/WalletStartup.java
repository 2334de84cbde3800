package org.btcmp.wallet.run;

import java.io.IOException;
import java.nio.file.Files;
import org.btcmp.common.args.Args;
import org.btcmp.common.args.ArgsException;
import org.btcmp.common.init.ProcessControl;
import org.btcmp.interfaces.Chain;
import org.btcmp.ipc.IpcException;
import org.btcmp.wallet.NodeLink;
import org.btcmp.wallet.WalletChainClient;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

/**
 * Starts the process's wallets once the node's Chain can be reached through the {@link NodeLink}: in
 * bitcoind the node in this process, in {@code bitcoin-wallet -ipcconnect} the node behind node.sock.
 * Wallet RPCs then appear on the node's JSON-RPC server and the {@code -wallet} wallets are loaded. A
 * connected wallet process whose node goes away ends with "node disconnected".
 */
@Component(immediate = true, service = {})
public final class WalletStartup {
    /** How often an in-process wallet retries a node that is still starting. */
    private static final long RETRY_MILLIS = 100;
    /** How often a connected wallet process checks that its node is still there. */
    private static final long WATCH_MILLIS = 250;

    private final NodeLink link;
    private final ProcessControl process;
    private final WalletSettings settings;
    private volatile boolean stopping;
    private Thread worker; // guarded by this
    private WalletChainClient client; // guarded by this

    @Activate
    public WalletStartup(@Reference Args args, @Reference NodeLink link,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) ProcessControl process) {
        this.link = link;
        this.process = process;
        WalletSettings read = null;
        if (!WalletSettings.disabled(args) && !WalletSettings.spawnedByNode(args)) {
            try {
                read = WalletSettings.read(args);
            } catch (ArgsException e) {
                fail(e.getMessage());
            }
        }
        settings = read;
        if (settings == null) {
            return;
        }
        if (settings.connectTo().isPresent()) {
            // A user started this process to serve wallets to that node: failing to reach it is the answer.
            try {
                start(link.node().makeChain());
            } catch (RuntimeException e) { // IpcException, or a node that serves no Chain
                fail("Unable to connect to the node at " + settings.connectTo().get() + ": " + e.getMessage());
                return;
            }
            background("wallet-node-watch", this::watchNode);
        } else if (!tryStart()) {
            background("wallet-startup", this::retryUntilStarted);
        }
    }

    /** Starts the wallets on the in-process node if it serves its Chain yet. */
    private boolean tryStart() {
        Chain chain;
        try {
            chain = link.node().makeChain();
        } catch (IpcException | IllegalStateException e) {
            return false; // the node or its in-process server is still starting
        }
        start(chain);
        return true;
    }

    private void retryUntilStarted() {
        while (!stopping && !tryStart()) {
            if (!pause(RETRY_MILLIS)) {
                return;
            }
        }
    }

    private void watchNode() {
        Chain chain;
        synchronized (this) {
            if (client == null) {
                return;
            }
            chain = client.chain();
        }
        while (!stopping) {
            try {
                chain.getHeight();
            } catch (IpcException e) {
                if (!stopping) {
                    fail("node disconnected");
                }
                return;
            }
            if (!pause(WATCH_MILLIS)) {
                return;
            }
        }
    }

    private void start(Chain chain) {
        try {
            Files.createDirectories(settings.walletDir());
        } catch (IOException e) {
            fail("Cannot create the wallet directory " + settings.walletDir() + ": " + e.getMessage());
            return;
        }
        WalletChainClient started = WalletChainClient.start(chain, settings.walletDir(), settings.chainName(),
                settings.fallbackFeeRate(), settings.keypoolSize());
        synchronized (this) {
            if (stopping) {
                closeQuietly(started);
                return;
            }
            client = started;
        }
        for (String name : settings.startupWallets()) {
            try {
                started.loader().loadWallet(name);
            } catch (RuntimeException e) {
                fail(e.getMessage());
                return;
            }
        }
    }

    private synchronized void background(String name, Runnable task) {
        worker = new Thread(task, name);
        worker.setDaemon(true);
        worker.start();
    }

    /** Sleeps; false when the component is stopping. */
    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void fail(String message) {
        if (process == null) {
            throw new IllegalStateException(message);
        }
        process.initError(message);
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        WalletChainClient running;
        synchronized (this) {
            if (worker != null) {
                worker.interrupt();
            }
            running = client;
            client = null;
        }
        if (running != null) {
            closeQuietly(running);
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

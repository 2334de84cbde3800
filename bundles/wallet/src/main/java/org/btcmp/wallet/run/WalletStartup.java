package org.btcmp.wallet.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.btcmp.common.args.Args;
import org.btcmp.common.args.ArgsException;
import org.btcmp.common.init.ProcessControl;
import org.btcmp.interfaces.Chain;
import org.btcmp.ipc.IpcException;
import org.btcmp.wallet.NodeLink;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

/**
 * Starts the process's wallets once the node's Chain can be reached through the {@link NodeLink}: in
 * bitcoind the node in this process, in {@code bitcoin-wallet -ipcconnect} the node behind node.sock.
 * Wallet RPCs then appear on the node's JSON-RPC server and the {@code -wallet} wallets are loaded. A
 * connected wallet process ends with its node: cleanly when the node shut down, with "node
 * disconnected" when it died. (A wallet process the node spawned is {@link SpawnedWallet}'s.)
 */
@Component(immediate = true, service = {})
public final class WalletStartup {
    /** How often an in-process wallet retries a node that is still starting. */
    private static final long RETRY_MILLIS = 100;

    private final NodeLink link;
    private final ProcessControl process;
    private final WalletRunner runner;
    private final WalletIpcLog ipcLog;
    private volatile boolean stopping;
    private Thread retry; // guarded by this

    @Activate
    public WalletStartup(BundleContext context, @Reference Args args, @Reference NodeLink link,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) ProcessControl process) {
        this.link = link;
        this.process = process;
        WalletSettings settings = null;
        if (!WalletSettings.disabled(args) && !WalletSettings.spawnedByNode(args)) {
            try {
                settings = WalletSettings.read(args);
            } catch (ArgsException e) {
                fail(e.getMessage());
            }
        }
        runner = settings == null ? null : new WalletRunner(settings, this::fail, true);
        // -debug=ipc where the node is another process: logging before the first call
        ipcLog = settings != null && settings.connectTo().isPresent() ? WalletIpcLog.open(context, args, process) : null;
        if (runner == null) {
            return;
        }
        if (settings.connectTo().isPresent()) {
            // A user started this process to serve wallets to that node: failing to reach it is the answer.
            Chain chain;
            try {
                chain = link.node().makeChain();
            } catch (RuntimeException e) { // IpcException, or a node that serves no Chain
                fail("Unable to connect to the node at " + settings.connectTo().get() + ": " + e.getMessage());
                return;
            }
            if (startOn(chain)) {
                Path socket = Path.of(settings.connectTo().get().target());
                runner.watchNode(() -> nodeGone(socket));
            }
        } else if (!tryStart()) {
            retryInBackground();
        }
    }

    /**
     * The connection to the node ended. A node that shuts down removes its socket before its
     * connections end, so a socket still there means the node died: "node disconnected", exit 1;
     * otherwise this process ends cleanly with its node.
     */
    private void nodeGone(Path socket) {
        if (!Files.exists(socket) && process != null) {
            process.requestShutdown();
        } else {
            fail("node disconnected");
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
        startOn(chain);
        return true;
    }

    private boolean startOn(Chain chain) {
        try {
            runner.start(chain);
            return true;
        } catch (IllegalStateException reported) {
            return false; // already the process's init error
        }
    }

    private synchronized void retryInBackground() {
        retry = new Thread(() -> {
            while (!stopping && !tryStart()) {
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "wallet-startup");
        retry.setDaemon(true);
        retry.start();
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
        synchronized (this) {
            if (retry != null) {
                retry.interrupt();
            }
        }
        if (runner != null) {
            runner.close();
        }
        if (ipcLog != null) {
            ipcLog.close();
        }
    }
}

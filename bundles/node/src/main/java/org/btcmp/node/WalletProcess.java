package org.btcmp.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.btcmp.common.args.Args;
import org.btcmp.common.init.ProcessControl;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.Wallet;
import org.btcmp.interfaces.WalletLoader;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.ProcessSpawner;
import org.btcmp.ipc.SpawnedProcess;
import org.btcmp.node.iface.NodeWallets;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

/**
 * bitcoin-node's own wallet process: spawns {@code bitcoin-wallet -ipcfd=N} (unless -disablewallet or
 * -nowalletprocess, and only where a transport can spawn, i.e. not in bitcoind), hands it the node's
 * Chain through {@code Init.makeWalletLoader}, puts its loader first among the node's wallet loaders
 * ({@link NodeWallets}), and restarts it with backoff if it dies, loading again
 * the wallets it had loaded when it died. At shutdown it closes the connection and waits for the child to exit.
 */
@Component(immediate = true, service = {})
public final class WalletProcess {
    /** The system property naming the folder of the executables (set by bin/bitcoin). */
    static final String BIN_PROPERTY = "btcmp.bin";
    private static final long FIRST_BACKOFF_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    private static final long EXIT_BOUND_SECONDS = 20;

    private final Args args;
    private final Chain chain;
    private final NodeWallets wallets;
    private final ProcessSpawner spawner;
    private final Path executable;
    /** The wallets loaded in the wallet process, each with its unload registration. */
    private final Map<String, Handler> loadedWallets = new LinkedHashMap<>(); // guarded by this
    private volatile boolean stopping;
    private SpawnedProcess child; // guarded by this
    private Thread supervisor; // guarded by this

    @Activate
    public WalletProcess(@Reference Args args, @Reference(target = "(" + NodeInit.PROCESS_PROPERTY + "=node)") Chain chain,
            @Reference(target = "(" + NodeInit.PROCESS_PROPERTY + "=node)") NodeWallets wallets,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) ProcessSpawner spawner,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) ProcessControl process) {
        this.args = args;
        this.chain = chain;
        this.wallets = wallets;
        this.spawner = spawner;
        String bin = System.getProperty(BIN_PROPERTY);
        this.executable = bin == null ? null : Path.of(bin, "bitcoin-wallet");
        boolean wanted = spawner != null && !args.getBool("disablewallet", false) && args.getBool("walletprocess", true);
        if (!wanted) {
            return;
        }
        if (executable == null || !Files.isExecutable(executable)) {
            if (process != null) {
                process.initError("Cannot start the wallet process: bitcoin-wallet not found"
                        + (executable == null ? " (-D" + BIN_PROPERTY + " is not set)" : " at " + executable)
                        + "; -nowalletprocess runs the node without it");
            }
            return;
        }
        synchronized (this) {
            supervisor = new Thread(this::supervise, "wallet-process");
            supervisor.setDaemon(true);
            supervisor.start();
        }
    }

    /** Keeps one wallet process running until the node stops. */
    private void supervise() {
        long backoff = FIRST_BACKOFF_MILLIS;
        while (!stopping) {
            SpawnedProcess started = null;
            Handler joined = null;
            try {
                started = spawner.spawn(this::command);
                WalletLoader loader = started.connection().remoteInit().makeWalletLoader(chain);
                Handler loads = loader.handleLoadWallet(this::remember);
                joined = wallets.add(loader, true);
                synchronized (this) {
                    if (stopping) {
                        started.close();
                        return;
                    }
                    child = started;
                }
                reload(loader);
                backoff = FIRST_BACKOFF_MILLIS;
                started.process().onExit().get();
                started.close(); // ends the connection now, and with it the registrations the child made
                java.lang.ref.Reference.reachabilityFence(loads); // a collected proxy ends its registration
            } catch (IpcException | IllegalStateException | UnsupportedOperationException e) {
                if (started != null) {
                    started.process().destroyForcibly();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                // onExit does not fail; a child gone is what we wait for
            } catch (InterruptedException e) {
                return;
            } finally {
                if (joined != null) {
                    joined.disconnect(); // its wallets are gone from the node's loader with it
                }
            }
            if (stopping) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    /** A wallet was loaded: it is loaded again after a restart, unless it is unloaded by request first. */
    private void remember(Wallet wallet) {
        String name = wallet.getWalletName();
        Handler unloads = wallet.handleUnload(() -> forget(name));
        synchronized (this) {
            loadedWallets.put(name, unloads); // one of a process that died is dropped (its process took it along)
        }
    }

    private synchronized void forget(String name) {
        loadedWallets.remove(name);
    }

    /**
     * After a restart: loads again every wallet that was loaded when the earlier process died (one
     * unloaded by request before is not; one whose files are gone is skipped). The -wallet wallets
     * were loaded by the new process itself.
     */
    private void reload(WalletLoader loader) {
        List<String> names;
        synchronized (this) {
            names = new ArrayList<>(loadedWallets.keySet());
        }
        List<String> already = loader.listWallets();
        for (String name : names) {
            if (already.contains(name)) {
                continue;
            }
            try {
                loader.loadWallet(name);
            } catch (RuntimeException e) {
                // no longer there, or refused: the user sees it through listwallets / loadwallet
            }
        }
    }

    /** The child's command line: the node's data directory, chain and wallet options. */
    private List<String> command(int fd) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.add("-ipcfd=" + fd);
        command.add("-datadir=" + args.dataDir());
        // The node's chain, whichever way it was chosen; the switches off so bitcoin.conf's cannot add a second.
        command.addAll(List.of("-noregtest", "-notestnet", "-notestnet4", "-nosignet", "-chain=" + args.chain().chainName()));
        args.get("conf").ifPresent(conf -> command.add("-conf=" + conf));
        for (String option : List.of("fallbackfee", "keypool", "walletdir")) {
            args.get(option).ifPresent(value -> command.add("-" + option + "=" + value));
        }
        args.getAll("wallet").forEach(w -> command.add("-wallet=" + w));
        // -debug=ipc (and the others) in the child too: its side of each call is logged beside the node's.
        args.getAll("debug").forEach(category -> command.add("-debug=" + category));
        return command;
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        SpawnedProcess running;
        synchronized (this) {
            running = child;
            child = null;
            if (supervisor != null) {
                supervisor.interrupt();
            }
        }
        if (running == null) {
            return;
        }
        running.close(); // the child sees its node close the socket and shuts down
        try {
            if (!running.process().onExit().get(EXIT_BOUND_SECONDS, TimeUnit.SECONDS).isAlive()) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // falls through to the forced end
        }
        running.process().destroyForcibly();
    }
}

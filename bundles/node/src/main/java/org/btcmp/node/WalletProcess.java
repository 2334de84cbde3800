package org.btcmp.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.btcmp.common.args.Args;
import org.btcmp.common.init.ProcessControl;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.Handler;
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
 * the wallets it had loaded. At shutdown it closes the connection and waits for the child to exit.
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
    private final Set<String> loadedWallets = new LinkedHashSet<>(); // guarded by this
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
                Handler loads = loader.handleLoadWallet(w -> remember(w.getWalletName()));
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
                loads.disconnect();
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

    private synchronized void remember(String wallet) {
        loadedWallets.add(wallet);
    }

    /**
     * After a restart: loads again every wallet the earlier processes loaded since the node started (the
     * loader reports loads only, so one unloaded meanwhile comes back too; one whose files are gone is skipped).
     */
    private void reload(WalletLoader loader) {
        List<String> names;
        synchronized (this) {
            names = new ArrayList<>(loadedWallets);
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

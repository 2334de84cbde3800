package org.btcmp.wallet.run;

import java.util.Optional;
import org.btcmp.common.args.Args;
import org.btcmp.common.args.ArgsException;
import org.btcmp.common.init.IpcAddresses;
import org.btcmp.common.init.ProcessControl;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.WalletLoader;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.Server;
import org.btcmp.ipc.Transport;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

/**
 * {@code bitcoin-wallet -ipcfd=N}, started by bitcoin-node: serves the wallet's {@link WalletInit} on the
 * inherited socket; the node calls makeWalletLoader with its Chain, and the wallets start on it. The
 * socket is this process's only tie to the node, so the transport is a static reference: without it
 * there is nothing to serve. When the node goes away the process ends with "node disconnected".
 */
@Component(immediate = true, service = {})
public final class SpawnedWallet {
    private final ProcessControl process;
    private final WalletSettings settings;
    private final Server server;
    private final WalletRunner runner;
    private final WalletIpcLog ipcLog;
    /** The node that started this process, as it was at startup (a crash re-parents us). */
    private final Optional<ProcessHandle> parent = ProcessHandle.current().parent();

    @Activate
    public SpawnedWallet(BundleContext context, @Reference Args args,
            @Reference(target = "(" + Transport.SCHEME_PROPERTY + "=" + IpcAddress.FD + ")") Transport transport,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) ProcessControl process) {
        this.process = process;
        WalletSettings read = null;
        int fd = -1;
        if (WalletSettings.spawnedByNode(args)) {
            try {
                fd = IpcAddresses.fileDescriptor(args.get("ipcfd").orElseThrow());
                read = WalletSettings.read(args);
            } catch (IllegalArgumentException | ArgsException e) {
                fail(e.getMessage());
            }
        }
        settings = read;
        // -debug=ipc (the node passes its own): logging before the first call is served
        ipcLog = settings == null ? null : WalletIpcLog.open(context, args, process);
        runner = settings == null ? null : new WalletRunner(settings, this::fail, false);
        Server serving = null;
        if (runner != null) {
            try {
                serving = transport.serve(IpcAddress.fd(fd), new WalletInit(this::start));
            } catch (IpcException e) {
                fail("Unable to use the node's socket -ipcfd=" + fd + ": " + e.getMessage());
            }
        }
        server = serving;
    }

    private WalletLoader start(Chain chain) {
        WalletLoader loader = runner.start(chain);
        runner.watchNode(this::nodeGone);
        return loader;
    }

    /**
     * The socket to the node closed: a node that is still running closed it on purpose (it is
     * shutting down, and waits for us), so this is a normal end; a node that is gone crashed.
     */
    private void nodeGone() {
        if (parent.map(ProcessHandle::isAlive).orElse(false) && process != null) {
            process.requestShutdown();
        } else {
            fail("node disconnected");
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
        if (runner != null) {
            runner.close();
        }
        if (server != null) {
            server.close();
        }
        if (ipcLog != null) {
            ipcLog.close();
        }
    }
}

package org.btcmp.wallet.run;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.Consumer;
import org.btcmp.common.args.Args;
import org.btcmp.common.init.DebugCategories;
import org.btcmp.common.init.ProcessControl;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * {@code -debug=ipc} in a wallet process ({@code bitcoin-wallet -ipcfd} or {@code -ipcconnect}): offers the
 * transport a log for its call lines (a {@code Consumer<String>} service with btcmp.log=ipc, as the node's
 * debug log does), so each IPC call this process makes or serves is written to {@code <datadir>/<network>/debug.log}
 * beside the node's own lines, tagged with this process, and to stdout with -printtoconsole. Opened by the
 * component that connects the process to its node, before its first call; the wallet inside bitcoind
 * makes no IPC calls and opens none.
 */
final class WalletIpcLog implements AutoCloseable {
    private static final String CATEGORY = "ipc";

    private final Writer out;
    private final boolean console;
    private final String tag = "[" + CATEGORY + "] [wallet " + ProcessHandle.current().pid() + "] ";
    private ServiceRegistration<?> registration;

    private WalletIpcLog(Writer out, boolean console) {
        this.out = out;
        this.console = console;
    }

    /**
     * The log, registered, when {@code args} enable -debug=ipc; else null. A bad -debug value or a log
     * that cannot be opened is reported to {@code process} as the init error.
     */
    static WalletIpcLog open(BundleContext context, Args args, ProcessControl process) {
        if (!enabled(args, process)) {
            return null;
        }
        Path file = args.chainDataDir().resolve("debug.log");
        Writer out;
        try {
            Files.createDirectories(file.getParent());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            if (process != null) {
                process.initError("Cannot open the debug log " + file + ": " + e.getMessage());
            }
            return null;
        }
        WalletIpcLog log = new WalletIpcLog(out, args.getBool("printtoconsole", false));
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("btcmp.log", CATEGORY);
        Consumer<String> lines = log::write;
        log.registration = context.registerService(Consumer.class, lines, properties);
        return log;
    }

    private static boolean enabled(Args args, ProcessControl process) {
        try {
            return DebugCategories.enabled(args.getAll("debug")).contains(CATEGORY);
        } catch (IllegalArgumentException e) {
            if (process != null) {
                process.initError(e.getMessage());
            }
            return false;
        }
    }

    /** One line, whole: the node appends to the same file, so a line is one write. */
    private synchronized void write(String message) {
        String line = Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + tag + message + "\n";
        if (console) {
            System.out.print(line);
        }
        try {
            out.write(line);
            out.flush();
        } catch (IOException e) {
            // the disk is full or gone: the wallet keeps running without its log
        }
    }

    /** Withdraws the log from the transport and closes the file. */
    @Override
    public void close() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregistered it first
        }
        synchronized (this) {
            try {
                out.close();
            } catch (IOException e) {
                // nothing left to log to
            }
        }
    }
}

package org.btcmp.launcher;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.btcmp.common.args.Args;
import org.btcmp.common.args.ArgsException;
import org.btcmp.common.args.ArgsParser;
import org.btcmp.common.args.OptionTable;
import org.btcmp.common.init.ProcessControl;
import org.btcmp.common.init.ServerOptions;

/**
 * A node executable: {@code bitcoin node} (bitcoind: the monolithic deployment) or
 * {@code bitcoin-node} / {@code bitcoin -m node} (the node deployment). Parses the options, starts
 * the deployment with the options and this process registered as services, and runs until the stop
 * RPC or a signal; a bad option or a node that cannot start is one line on stderr and exit code 1.
 */
final class NodeCommand {
    /** How long a shutdown may take before the JVM is ended anyway. */
    private static final long SHUTDOWN_BOUND_SECONDS = 30;

    private final LauncherHome home;
    private final String executable;
    private final Deployment deployment;
    private final OptionTable options;
    private final String purpose;
    /** Counted down once the framework is stopped, so a signal's shutdown hook can wait for it. */
    private final CountDownLatch stopped = new CountDownLatch(1);

    NodeCommand(LauncherHome home, String executable, Deployment deployment) {
        this(home, executable, deployment, ServerOptions.TABLE, "Start a btcmp node");
    }

    /** A long-running executable of another deployment (e.g. the wallet process) with its own options. */
    NodeCommand(LauncherHome home, String executable, Deployment deployment, OptionTable options, String purpose) {
        this.home = home;
        this.executable = executable;
        this.deployment = deployment;
        this.options = options;
        this.purpose = purpose;
    }

    int run(List<String> argv, PrintStream out, PrintStream err) {
        Args args;
        try {
            args = new ArgsParser(options, false, ArgsParser.defaultDataDir()).parse(argv.toArray(String[]::new));
        } catch (ArgsException e) {
            err.println(e.getMessage().startsWith("Error") ? e.getMessage() : "Error: " + e.getMessage());
            return 1;
        }
        if (args.getBool("help", false) || args.getBool("h", false) || args.getBool("?", false)) {
            out.print(Help.versionLine(executable) + "\n\nUsage: " + executable + " [options]   " + purpose + " ("
                    + deployment.name() + " deployment)\n\nOptions:\n\n" + options.helpText());
            return 0;
        }
        if (args.getBool("version", false)) {
            out.println(Help.versionLine(executable));
            return 0;
        }
        if (!Files.isDirectory(args.dataDir())) {
            err.println("Error: Specified data directory \"" + args.dataDir() + "\" does not exist.");
            return 1;
        }
        LauncherProcess process = new LauncherProcess();
        AtomicBoolean mainDone = new AtomicBoolean();
        // Registered before the framework starts: a SIGTERM or Ctrl-C while the node is still
        // starting must shut it down cleanly too (cookie removed, chain flushed) and exit 0 as Core
        // does, rather than with the JVM's 128+signal.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (mainDone.get()) {
                return; // the JVM is ending because run() returned: nothing left to stop
            }
            process.requestShutdown();
            try {
                if (stopped.await(SHUTDOWN_BOUND_SECONDS, TimeUnit.SECONDS)) {
                    Runtime.getRuntime().halt(process.error() == null ? 0 : 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "signal-shutdown"));
        try {
            return runDeployment(args, process, err);
        } finally {
            mainDone.set(true);
            stopped.countDown();
        }
    }

    private int runDeployment(Args args, LauncherProcess process, PrintStream err) {
        Deployment chosen = args.declares("disablewallet") && args.getBool("disablewallet", false) ? deployment.without("wallet.jar") : deployment;
        Framework framework;
        try {
            framework = Framework.start(home, chosen, context -> {
                context.registerService(Args.class, args, null);
                context.registerService(ProcessControl.class, process, null);
            });
        } catch (LaunchException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
        try {
            process.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                framework.close();
            } catch (LaunchException e) {
                err.println("Error: " + e.getMessage());
            }
        }
        if (process.error() != null) {
            err.println("Error: " + process.error());
            return 1;
        }
        return 0;
    }
}

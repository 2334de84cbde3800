package org.btcmp.launcher;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.common.args.Args;
import org.btcmp.common.args.ArgsException;
import org.btcmp.common.args.ArgsParser;
import org.btcmp.common.init.GuiOptions;
import org.btcmp.common.init.WalletProcessOptions;
import org.btcmp.launcher.cli.RpcClient;

/**
 * Every executable in bin/: the {@code bitcoin} wrapper, and {@code bitcoin-node}, {@code bitcoind},
 * {@code bitcoin-cli}, {@code bitcoin-wallet}, {@code bitcoin-gui} (named by the system property
 * {@code btcmp.executable}, which the scripts set). Always ends the JVM itself: Felix's event thread
 * is not a daemon, so a failure that merely returned from {@code main} would leave the process hanging.
 */
public final class Main {
    /** The system property naming the executable that was run. */
    static final String EXECUTABLE_PROPERTY = "btcmp.executable";

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(System.getProperty(EXECUTABLE_PROPERTY, "bitcoin"), List.of(args), System.in, System.out, System.err);
        } catch (Throwable t) {
            System.err.println("Error: " + t);
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    static int run(String executable, List<String> args, InputStream in, PrintStream out, PrintStream err) {
        return switch (executable) {
            case "bitcoin" -> wrapper(args, in, out, err);
            case "bitcoind" -> new NodeCommand(LauncherHome.locate(), "bitcoind", Deployment.MONOLITHIC).run(args, out, err);
            case "bitcoin-node" -> new NodeCommand(LauncherHome.locate(), "bitcoin-node", Deployment.NODE).run(args, out, err);
            case "bitcoin-cli" -> new RpcClient(in, out, err).run(args, false);
            case "bitcoin-wallet" -> wallet(args, out, err);
            case "bitcoin-qt" -> new NodeCommand(LauncherHome.locate(), "bitcoin-qt", Deployment.MONOLITHIC_GUI,
                    GuiOptions.MONOLITHIC_TABLE, "Start the btcmp GUI with its node and wallets").run(args, out, err);
            case "bitcoin-gui" -> new NodeCommand(LauncherHome.locate(), "bitcoin-gui", Deployment.GUI, GuiOptions.TABLE,
                    "Start the btcmp GUI on a running bitcoin-node (-ipcconnect) or on one it starts").run(args, out, err);
            default -> {
                err.println("Error: unknown executable '" + executable + "'");
                yield 1;
            }
        };
    }


    private static int wrapper(List<String> argv, InputStream in, PrintStream out, PrintStream err) {
        List<String> options = new ArrayList<>();
        List<String> passOn = new ArrayList<>();
        boolean multiprocess = false;
        int i = 0;
        for (; i < argv.size() && argv.get(i).startsWith("-") && !argv.get(i).equals("-"); i++) {
            String arg = argv.get(i).equals("-M") ? "-monolithic" : argv.get(i);
            options.add(arg);
            String name = arg.replaceFirst("^--?", "").replaceFirst("=.*$", "");
            if (name.equals("m") || name.equals("multiprocess")) {
                multiprocess = true;
            } else if (name.equals("monolithic")) {
                multiprocess = false;
            } else if (!WrapperOptions.OWN.contains(name)) {
                passOn.add(argv.get(i));
            }
        }
        Args line;
        try {
            line = new ArgsParser(WrapperOptions.TABLE, true, ArgsParser.defaultDataDir()).parse(options.toArray(String[]::new));
        } catch (ArgsException e) {
            err.println(e.getMessage());
            return 1;
        }
        if (line.getBool("help", false) || line.getBool("?", false) || line.getBool("h", false)) {
            out.print(Help.text());
            return 0;
        }
        if (line.getBool("version", false) || line.getBool("v", false)) {
            out.println(Help.versionLine());
            return 0;
        }
        if (i == argv.size()) {
            err.println("Error: no command given. Run 'bitcoin -help' for the list of commands.");
            return 1;
        }
        String command = argv.get(i);
        List<String> commandArgs = new ArrayList<>(passOn);
        commandArgs.addAll(argv.subList(i + 1, argv.size()));
        return switch (command) {
            case "node" -> run(multiprocess ? "bitcoin-node" : "bitcoind", commandArgs, in, out, err);
            case "gui" -> run(multiprocess ? "bitcoin-gui" : "bitcoin-qt", commandArgs, in, out, err);
            case "wallet" -> run("bitcoin-wallet", commandArgs, in, out, err);
            case "rpc" -> new RpcClient(in, out, err).run(commandArgs, true);
            case "echo" -> new EchoCommand(LauncherHome.locate()).run(argv.subList(i + 1, argv.size()), out, err);
            case "help" -> {
                out.print(Help.text());
                yield 0;
            }
            default -> {
                err.println("Error: unknown command '" + command + "'. Run 'bitcoin -help' for the list of commands.");
                yield 1;
            }
        };
    }

    /**
     * bitcoin-wallet: the wallet process when the command line says where the node is (-ipcconnect,
     * or -ipcfd from a node that spawned it), the offline wallet tool otherwise (as Core's).
     */
    private static int wallet(List<String> args, PrintStream out, PrintStream err) {
        boolean process = args.stream().map(a -> a.replaceFirst("^--?", "").replaceFirst("=.*$", ""))
                .anyMatch(name -> name.equals("ipcconnect") || name.equals("ipcfd"));
        if (process) {
            return new NodeCommand(LauncherHome.locate(), "bitcoin-wallet", Deployment.WALLET, WalletProcessOptions.TABLE,
                    "Serve wallets to a bitcoin-node").run(args, out, err);
        }
        return new WalletToolCommand(LauncherHome.locate()).run(args, out, err);
    }
}

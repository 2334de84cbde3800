package org.btcmp.launcher;

import java.io.PrintStream;

/**
 * The {@code bitcoin} executable. Parses the command line, runs one command inside an embedded
 * OSGi framework, and always ends the JVM itself: Felix's event thread is not a daemon, so a
 * failure that merely returned from {@code main} would leave the process hanging.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (Throwable t) {
            System.err.println("Error: " + t);
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line;
        try {
            line = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println(e.getMessage());
            return 1;
        }
        if (line.isSet("help") || line.isSet("?") || line.isSet("h")) {
            out.print(Help.text());
            return 0;
        }
        if (line.isSet("version")) {
            out.println(Help.versionLine());
            return 0;
        }
        if (line.arguments().isEmpty()) {
            err.println("Error: no command given. Run 'bitcoin -help' for the list of commands.");
            return 1;
        }
        String command = line.arguments().get(0);
        return switch (command) {
            case "echo" -> new EchoCommand(LauncherHome.locate()).run(line.arguments().subList(1, line.arguments().size()), out, err);
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
}

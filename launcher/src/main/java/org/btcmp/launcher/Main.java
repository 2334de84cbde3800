package org.btcmp.launcher;

import java.io.PrintStream;
import java.util.List;
import org.btcmp.common.args.Args;
import org.btcmp.common.args.ArgsException;
import org.btcmp.common.args.ArgsParser;

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
        Args line;
        try {
            line = new ArgsParser(WrapperOptions.TABLE, true, ArgsParser.defaultDataDir()).parse(args);
        } catch (ArgsException e) {
            err.println(e.getMessage());
            return 1;
        }
        if (line.getBool("help", false) || line.getBool("?", false) || line.getBool("h", false)) {
            out.print(Help.text());
            return 0;
        }
        if (line.getBool("version", false)) {
            out.println(Help.versionLine());
            return 0;
        }
        List<String> words = line.commandArguments();
        if (words.isEmpty()) {
            err.println("Error: no command given. Run 'bitcoin -help' for the list of commands.");
            return 1;
        }
        String command = words.get(0);
        return switch (command) {
            case "echo" -> new EchoCommand(LauncherHome.locate()).run(words.subList(1, words.size()), out, err);
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

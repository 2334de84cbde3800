package org.btcmp.launcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line in Bitcoin Core's style: options {@code -name}, {@code -name=value}, {@code -noname}
 * (also with {@code --}) come first, then the command and its arguments. An option this program
 * does not know is an error, reported in Core's words.
 */
final class CommandLine {

    /** Options the {@code bitcoin} wrapper accepts (without the leading dash). */
    static final Set<String> KNOWN_OPTIONS = Set.of("help", "?", "h", "version");

    private final Map<String, String> options;
    private final List<String> arguments;

    private CommandLine(Map<String, String> options, List<String> arguments) {
        this.options = options;
        this.arguments = arguments;
    }

    /** Thrown for a command line that cannot be run; its message is the one line to print. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static CommandLine parse(String[] args) throws UsageException {
        Map<String, String> options = new LinkedHashMap<>();
        int i = 0;
        for (; i < args.length && args[i].startsWith("-") && args[i].length() > 1; i++) {
            String arg = args[i];
            String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String value = eq < 0 ? "1" : body.substring(eq + 1);
            if (name.startsWith("no") && !KNOWN_OPTIONS.contains(name) && KNOWN_OPTIONS.contains(name.substring(2))) {
                name = name.substring(2);
                value = "0";
            }
            if (!KNOWN_OPTIONS.contains(name)) {
                throw new UsageException("Error parsing command line arguments: Invalid parameter " + arg);
            }
            options.put(name, value);
        }
        List<String> arguments = new ArrayList<>(List.of(args).subList(i, args.length));
        return new CommandLine(Collections.unmodifiableMap(options), Collections.unmodifiableList(arguments));
    }

    /** Whether the option was given and not negated ({@code -noname} or {@code -name=0}). */
    boolean isSet(String name) {
        String value = options.get(name);
        return value != null && !value.equals("0");
    }

    /** The command and its arguments, in order. */
    List<String> arguments() {
        return arguments;
    }
}

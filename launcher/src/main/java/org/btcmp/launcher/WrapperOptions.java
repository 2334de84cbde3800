package org.btcmp.launcher;

import java.util.List;
import org.btcmp.common.args.ArgsParser;
import org.btcmp.common.args.OptionCategory;
import org.btcmp.common.args.OptionSpec;
import org.btcmp.common.args.OptionTable;
import org.btcmp.common.init.ServerOptions;

/**
 * The options of the {@code bitcoin} wrapper itself, before its command (Core's wrapper takes
 * -m/--multiprocess, -M/--monolithic, -v/--version, -h/--help). Chain and data options given there
 * are passed on to the command.
 */
final class WrapperOptions {
    private WrapperOptions() {
    }

    /** Wrapper options that stay with the wrapper; every other one goes to the command. */
    static final List<String> OWN = List.of("m", "multiprocess", "monolithic", "v", "version", "help", "h", "?");

    static final OptionTable TABLE = OptionTable.of(ArgsParser.COMMON_OPTIONS).with(ServerOptions.HELP_OPTIONS).with(List.of(
            OptionSpec.flag("v", "Print version and exit", OptionCategory.OPTIONS),
            OptionSpec.flag("m", "Run the multiprocess executables", OptionCategory.OPTIONS),
            OptionSpec.flag("multiprocess", "Run the multiprocess executables", OptionCategory.OPTIONS),
            OptionSpec.flag("monolithic", "Run the monolithic executables (default); -M for short", OptionCategory.OPTIONS)));
}

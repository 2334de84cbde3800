package org.btcmp.launcher;

import java.util.List;
import org.btcmp.common.args.ArgsParser;
import org.btcmp.common.args.OptionCategory;
import org.btcmp.common.args.OptionSpec;
import org.btcmp.common.args.OptionTable;

/** The options of the {@code bitcoin} wrapper itself (its commands take their own). */
final class WrapperOptions {
    private WrapperOptions() {
    }

    static final OptionTable TABLE = OptionTable.of(ArgsParser.COMMON_OPTIONS).with(List.of(
            OptionSpec.flag("help", "Print this help message and exit", OptionCategory.OPTIONS),
            OptionSpec.flag("h", "Print this help message and exit", OptionCategory.OPTIONS),
            OptionSpec.flag("?", "Print this help message and exit", OptionCategory.OPTIONS),
            OptionSpec.flag("version", "Print version and exit", OptionCategory.OPTIONS)));
}

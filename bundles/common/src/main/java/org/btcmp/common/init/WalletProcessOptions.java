package org.btcmp.common.init;

import static org.btcmp.common.args.OptionSpec.flag;
import static org.btcmp.common.args.OptionSpec.value;

import java.util.List;
import org.btcmp.common.args.ArgsParser;
import org.btcmp.common.args.OptionCategory;
import org.btcmp.common.args.OptionFlag;
import org.btcmp.common.args.OptionSpec;
import org.btcmp.common.args.OptionTable;

/**
 * The options of {@code bitcoin-wallet} as a wallet process ({@code -ipcconnect} or {@code -ipcfd}):
 * where the node is, and the wallet options bitcoind takes too.
 */
public final class WalletProcessOptions {
    private WalletProcessOptions() {
    }

    private static final List<OptionSpec> PROCESS = List.of(
            value("ipcconnect", "<address>", "Connect to the bitcoin-node process's socket and serve wallets through it: "
                    + "\"unix\" (or no value) is <datadir>/<network>/node.sock, \"unix:<path>\" another path (relative "
                    + "to <datadir>/<network>)", OptionCategory.IPC),
            value("ipcfd", "<fd>", "The file descriptor of a socket connected to the bitcoin-node process that started "
                    + "this one (set by that process)", OptionCategory.IPC),
            flag("printtoconsole", "Send trace/debug info to console as well as to debug.log (default: 0)",
                    OptionCategory.DEBUG_TEST),
            value("debug", "<category>", "Log the debug messages of <category> (a wallet process logs ipc: each IPC "
                    + "call it makes or serves, in <datadir>/<network>/debug.log beside the node's lines)",
                    OptionCategory.DEBUG_TEST, OptionFlag.LIST));

    /** Everything a wallet process accepts. */
    public static final OptionTable TABLE = OptionTable.of(ArgsParser.COMMON_OPTIONS).with(ServerOptions.HELP_OPTIONS)
            .with(PROCESS).with(WalletArgs.OPTIONS);
}

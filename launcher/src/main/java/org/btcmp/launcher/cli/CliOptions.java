package org.btcmp.launcher.cli;

import static org.btcmp.common.args.OptionSpec.flag;
import static org.btcmp.common.args.OptionSpec.value;

import java.util.List;
import org.btcmp.common.args.ArgsParser;
import org.btcmp.common.args.OptionCategory;
import org.btcmp.common.args.OptionFlag;
import org.btcmp.common.args.OptionTable;
import org.btcmp.common.init.ServerOptions;

/** bitcoin-cli's options (Core's SetupCliArgs, the ones this client implements). */
final class CliOptions {
    private CliOptions() {
    }

    static final int DEFAULT_CLIENT_TIMEOUT = 900;

    static final OptionTable TABLE = OptionTable.of(ArgsParser.COMMON_OPTIONS).with(ServerOptions.HELP_OPTIONS).with(List.of(
            flag("named", "Pass named instead of positional arguments (default: false)", OptionCategory.OPTIONS),
            value("rpcid", "<id>", "Set a custom JSON-RPC request ID string (default: 1)", OptionCategory.OPTIONS),
            value("rpcclienttimeout", "<n>", "Timeout in seconds during HTTP requests, or 0 for no timeout. (default: "
                    + DEFAULT_CLIENT_TIMEOUT + ")", OptionCategory.OPTIONS),
            value("rpcconnect", "<ip>", "Send commands to node running on <ip> (default: 127.0.0.1)", OptionCategory.OPTIONS),
            value("rpccookiefile", "<loc>", "Location of the auth cookie. Relative paths will be prefixed by a "
                    + "net-specific datadir location. (default: data dir)", OptionCategory.OPTIONS),
            value("rpcpassword", "<pw>", "Password for JSON-RPC connections", OptionCategory.OPTIONS),
            value("rpcport", "<port>", "Connect to JSON-RPC on <port> (default: 8332, testnet: 18332, testnet4: 48332, "
                    + "signet: 38332, regtest: 18443)", OptionCategory.OPTIONS, OptionFlag.NETWORK_ONLY),
            value("rpcuser", "<user>", "Username for JSON-RPC connections", OptionCategory.OPTIONS),
            flag("rpcwait", "Wait for RPC server to start", OptionCategory.OPTIONS),
            value("rpcwaittimeout", "<n>", "Timeout in seconds to wait for the RPC server to start, or 0 for no "
                    + "timeout. (default: 0)", OptionCategory.OPTIONS),
            value("rpcwallet", "<walletname>", "Send RPC for non-default wallet on RPC server (needs to exactly match "
                    + "corresponding -wallet option passed to bitcoind). This changes the RPC endpoint used, e.g. "
                    + "http://127.0.0.1:8332/wallet/<walletname>", OptionCategory.OPTIONS),
            flag("stdin", "Read extra arguments from standard input, one per line until EOF/Ctrl-D (recommended for "
                    + "sensitive information such as passphrases). When combined with -stdinrpcpass, the first line "
                    + "from standard input is used for the RPC password.", OptionCategory.OPTIONS),
            flag("stdinrpcpass", "Read RPC password from standard input as a single line. When combined with -stdin, "
                    + "the first line from standard input is used for the RPC password.", OptionCategory.OPTIONS),
            value("ipcconnect", "<address>", "Connect to bitcoin-node through IPC socket instead of TCP socket to "
                    + "execute requests. Only 'auto' (the default: use TCP while this client has no IPC) and "
                    + "-noipcconnect work in this build; 'unix' and 'unix:<path>' are refused.", OptionCategory.IPC)));
}

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
            flag("getinfo", "Show a summary of the node (chain, network, wallet) from several RPC calls made at once; "
                    + "the parts may be from slightly different moments", OptionCategory.COMMANDS),
            value("color", "<when>", "Colors in -getinfo's output: always, never, or auto (when standard output is "
                    + "a terminal; the default)", OptionCategory.OPTIONS),
            flag("named", "Arguments are name=value pairs; words without '=' stay positional (default: off; on for 'bitcoin rpc')", OptionCategory.OPTIONS),
            value("rpcid", "<id>", "The id string of the JSON-RPC request (default: 1)", OptionCategory.OPTIONS),
            value("rpcclienttimeout", "<n>", "Seconds to wait for the server's reply; 0 waits without limit (default: "
                    + DEFAULT_CLIENT_TIMEOUT + ")", OptionCategory.OPTIONS),
            value("rpcconnect", "<ip>", "The host the node serves RPC on, optionally with :port (default: 127.0.0.1)", OptionCategory.OPTIONS),
            value("rpccookiefile", "<loc>", "The cookie file to log in with; a relative path is taken from the "
                    + "chain's data directory (default: .cookie there)", OptionCategory.OPTIONS),
            value("rpcpassword", "<pw>", "Log in with this password (and -rpcuser) instead of the cookie", OptionCategory.OPTIONS),
            value("rpcport", "<port>", "The node's RPC port (default: the chain's: 8332, testnet 18332, testnet4 48332, "
                    + "signet 38332, regtest 18443)", OptionCategory.OPTIONS, OptionFlag.NETWORK_ONLY),
            value("rpcuser", "<user>", "Log in as this user (with -rpcpassword)", OptionCategory.OPTIONS),
            flag("rpcwait", "Retry every second while the server is unreachable or still starting", OptionCategory.OPTIONS),
            value("rpcwaittimeout", "<n>", "Give up -rpcwait after this many seconds; 0 waits without limit "
                    + "(default: 0)", OptionCategory.OPTIONS),
            value("rpcwallet", "<walletname>", "Address the request to this loaded wallet (the path /wallet/<walletname>)", OptionCategory.OPTIONS),
            flag("stdin", "Append one argument per line of standard input, up to its end (keeps secrets "
                    + "off the command line); after -stdinrpcpass's line", OptionCategory.OPTIONS),
            flag("stdinrpcpass", "Take the RPC password from the first line of standard input", OptionCategory.OPTIONS),
            value("ipcconnect", "<address>", "Reach bitcoin-node over its IPC socket. Only 'auto' (the default: HTTP, "
                    + "while this client has no IPC) and -noipcconnect work in this build; 'unix' and 'unix:<path>' are refused.", OptionCategory.IPC)));
}

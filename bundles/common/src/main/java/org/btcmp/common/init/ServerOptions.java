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
 * The options of the node executables ({@code bitcoind} as {@code bitcoin node}, and
 * {@code bitcoin-node}), as Core's SetupServerArgs declares them, with Core's help texts where the
 * option does what Core's does. Options scripts pass that mean nothing here yet are accepted and
 * marked {@link OptionFlag#NO_EFFECT}.
 */
public final class ServerOptions {
    private ServerOptions() {
    }

    /** -help, -h, -? and -version, as every Core executable has them. */
    public static final List<OptionSpec> HELP_OPTIONS = List.of(
            flag("?", "Print this help message and exit", OptionCategory.OPTIONS),
            flag("h", "Print this help message and exit", OptionCategory.OPTIONS),
            flag("help", "Print this help message and exit", OptionCategory.OPTIONS),
            flag("version", "Print version and exit", OptionCategory.OPTIONS));

    private static final List<OptionSpec> NODE = List.of(
            // Logging
            flag("printtoconsole", "Send trace/debug info to console as well as to debug.log (default: 0; "
                    + "normal operation writes nothing to the console)", OptionCategory.DEBUG_TEST),
            value("debug", "<category>", "Output debug and trace logging (default: -nodebug, supplying <category> is "
                    + "optional). If <category> is not supplied or if <category> is 1 or \"all\", output all debug logging. "
                    + "If <category> is 0 or \"none\", any other categories are ignored. Other valid values for <category> "
                    + "are: " + String.join(", ", DebugCategories.KNOWN.stream().sorted().toList())
                    + ". This option can be specified multiple times to output multiple categories.",
                    OptionCategory.DEBUG_TEST, OptionFlag.LIST),
            value("debugexclude", "<category>", "Exclude debug and trace logging for a category.",
                    OptionCategory.DEBUG_TEST, OptionFlag.LIST, OptionFlag.NO_EFFECT),
            flag("logtimemicros", "Add microsecond precision to debug timestamps", OptionCategory.DEBUG_TEST, OptionFlag.NO_EFFECT),
            flag("logthreadnames", "Prepend debug output with name of the originating thread", OptionCategory.DEBUG_TEST,
                    OptionFlag.NO_EFFECT),
            flag("logsourcelocations", "Prepend debug output with name of the originating source location",
                    OptionCategory.DEBUG_TEST, OptionFlag.NO_EFFECT),
            value("loglevel", "<level>|<category>:<level>", "Set the global or per-category severity level for logging",
                    OptionCategory.DEBUG_TEST, OptionFlag.LIST, OptionFlag.NO_EFFECT),
            flag("shrinkdebugfile", "Shrink debug.log file on client startup", OptionCategory.DEBUG_TEST, OptionFlag.NO_EFFECT),
            // Peer-to-peer: this node does not open P2P connections yet.
            flag("listen", "Accept connections from outside", OptionCategory.CONNECTION, OptionFlag.NO_EFFECT),
            value("port", "<port>", "Listen for connections on <port>", OptionCategory.CONNECTION, OptionFlag.NETWORK_ONLY,
                    OptionFlag.NO_EFFECT),
            value("bind", "<addr>[:<port>][=onion]", "Bind to given address and always listen on it",
                    OptionCategory.CONNECTION, OptionFlag.NETWORK_ONLY, OptionFlag.LIST, OptionFlag.NO_EFFECT),
            value("connect", "<ip>", "Connect only to the specified node; -noconnect disables automatic connections",
                    OptionCategory.CONNECTION, OptionFlag.NETWORK_ONLY, OptionFlag.LIST, OptionFlag.NO_EFFECT),
            value("addnode", "<ip>", "Add a node to connect to and attempt to keep the connection open",
                    OptionCategory.CONNECTION, OptionFlag.NETWORK_ONLY, OptionFlag.LIST, OptionFlag.NO_EFFECT),
            flag("dnsseed", "Query for peer addresses via DNS lookup", OptionCategory.CONNECTION, OptionFlag.NO_EFFECT),
            flag("fixedseeds", "Allow fixed seeds if DNS seeds don't provide peers", OptionCategory.CONNECTION, OptionFlag.NO_EFFECT),
            flag("listenonion", "Automatically create Tor onion service", OptionCategory.CONNECTION, OptionFlag.NO_EFFECT),
            flag("natpmp", "Use PCP or NAT-PMP to map the listening port", OptionCategory.CONNECTION, OptionFlag.NO_EFFECT),
            flag("discover", "Discover own IP addresses", OptionCategory.CONNECTION, OptionFlag.NO_EFFECT),
            flag("v2transport", "Support v2 transport", OptionCategory.CONNECTION, OptionFlag.NO_EFFECT),
            value("peertimeout", "<n>", "Specify a p2p connection timeout delay in seconds", OptionCategory.CONNECTION,
                    OptionFlag.NO_EFFECT),
            value("uacomment", "<cmt>", "Append comment to the user agent string", OptionCategory.CONNECTION,
                    OptionFlag.LIST, OptionFlag.NO_EFFECT),
            // IPC
            value("ipcbind", "<address>", "Bind to Unix socket address and listen for incoming connections. Valid "
                    + "address values are \"unix\" to listen on the default path, <datadir>/node.sock, or "
                    + "\"unix:/custom/path\" to specify a custom path. Can be specified multiple times to listen on "
                    + "multiple paths.", OptionCategory.IPC, OptionFlag.LIST),
            value("ipcfd", "<fd>", "The file descriptor of a socket connected to the process that started this one "
                    + "(set by that process).", OptionCategory.IPC),
            // Wallet processes
            flag("disablewallet", "Do not load the wallet and disable wallet RPC calls", OptionCategory.WALLET),
            flag("walletprocess", "Start a bitcoin-wallet process for the node's wallets (default: 1); "
                    + "-nowalletprocess leaves wallets to processes that connect with -ipcconnect", OptionCategory.WALLET),
            // RPC server
            flag("server", "Accept command line and JSON-RPC commands (always on here)", OptionCategory.RPC),
            value("rpcport", "<port>", "Listen for JSON-RPC connections on <port> (default: 8332, testnet3: 18332, "
                    + "testnet4: 48332, signet: 38332, regtest: 18443)", OptionCategory.RPC, OptionFlag.NETWORK_ONLY),
            value("rpcbind", "<addr>[:port]", "Bind to given address to listen for JSON-RPC connections (default: "
                    + "127.0.0.1). The last one given counts; its port overrides -rpcport.", OptionCategory.RPC,
                    OptionFlag.NETWORK_ONLY, OptionFlag.LIST),
            value("rpcuser", "<user>", "Username for JSON-RPC connections", OptionCategory.RPC),
            value("rpcpassword", "<pw>", "Password for JSON-RPC connections", OptionCategory.RPC),
            value("rpccookiefile", "<loc>", "Location of the auth cookie. Relative paths will be prefixed by a "
                    + "net-specific datadir location. (default: data dir); -norpccookiefile writes none",
                    OptionCategory.RPC),
            value("rpcservertimeout", "<n>", "Timeout during HTTP requests (default: 30)", OptionCategory.RPC),
            value("rpcallowip", "<ip>", "Allow JSON-RPC connections from specified source", OptionCategory.RPC,
                    OptionFlag.LIST, OptionFlag.NO_EFFECT),
            value("rpcthreads", "<n>", "Set the number of threads to service RPC calls", OptionCategory.RPC,
                    OptionFlag.NO_EFFECT),
            flag("rest", "Accept public REST requests", OptionCategory.RPC, OptionFlag.NO_EFFECT));

    /** Everything bitcoind and bitcoin-node accept. */
    public static final OptionTable TABLE = OptionTable.of(ArgsParser.COMMON_OPTIONS).with(HELP_OPTIONS).with(NODE);
}

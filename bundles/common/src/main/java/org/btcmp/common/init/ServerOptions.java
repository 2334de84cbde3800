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
            flag("?", "Print this help and exit", OptionCategory.OPTIONS),
            flag("h", "Print this help and exit", OptionCategory.OPTIONS),
            flag("help", "Print this help and exit", OptionCategory.OPTIONS),
            flag("version", "Print the version and exit", OptionCategory.OPTIONS));

    private static final List<OptionSpec> NODE = List.of(
            // Logging
            flag("printtoconsole", "Send trace/debug info to console as well as to debug.log (default: 0; "
                    + "normal operation writes nothing to the console)", OptionCategory.DEBUG_TEST),
            value("debug", "<category>", "Log the debug messages of <category>; repeat for several. No value, 1 or "
                    + "\"all\" turns every category on, 0 or \"none\" turns off those given before it. Categories: "
                    + String.join(", ", DebugCategories.KNOWN.stream().sorted().toList()) + " (default: none)",
                    OptionCategory.DEBUG_TEST, OptionFlag.LIST),
            value("debugexclude", "<category>", "Leave <category> out of -debug's logging",
                    OptionCategory.DEBUG_TEST, OptionFlag.LIST, OptionFlag.NO_EFFECT),
            flag("logtimemicros", "Log times to the microsecond", OptionCategory.DEBUG_TEST, OptionFlag.NO_EFFECT),
            flag("logthreadnames", "Start each log line with its thread's name", OptionCategory.DEBUG_TEST,
                    OptionFlag.NO_EFFECT),
            flag("logsourcelocations", "Start each log line with its source location",
                    OptionCategory.DEBUG_TEST, OptionFlag.NO_EFFECT),
            value("loglevel", "<level>|<category>:<level>", "The lowest severity logged, overall or per category",
                    OptionCategory.DEBUG_TEST, OptionFlag.LIST, OptionFlag.NO_EFFECT),
            flag("shrinkdebugfile", "Trim debug.log at startup", OptionCategory.DEBUG_TEST, OptionFlag.NO_EFFECT),
            // Resources and indexes
            value("dbcache", "<n>", "Maximum database cache size <n> MiB (minimum 4, default: 450)",
                    OptionCategory.OPTIONS),
            value("maxmempool", "<n>", "Keep the transaction memory pool below <n> megabytes (default: 300)",
                    OptionCategory.OPTIONS),
            value("mempoolexpiry", "<n>", "Do not keep transactions in the mempool longer than <n> hours "
                    + "(default: 336)", OptionCategory.OPTIONS),
            flag("persistmempool", "Save the mempool on shutdown and load it on restart (default: 1)",
                    OptionCategory.OPTIONS),
            flag("persistmempoolv1", "Write mempool.dat in the legacy unobfuscated version 1 format (default: 0)",
                    OptionCategory.OPTIONS),
            value("limitclustercount", "<n>", "Do not accept transactions into mempool clusters of more than <n>"
                    + " transactions (default: 64, maximum: 64)", OptionCategory.DEBUG_TEST),
            value("limitclustersize", "<n>", "Do not accept transactions into mempool clusters larger than <n> kvB"
                    + " (default: 101)", OptionCategory.DEBUG_TEST),
            flag("acceptstalefeeestimates", "Read fee_estimates.dat even when it is older than 60 hours "
                    + "(regtest only; default: 0)", OptionCategory.DEBUG_TEST),
            flag("txindex", "Maintain a full transaction index, used by the getrawtransaction rpc call "
                    + "(default: 0)", OptionCategory.OPTIONS),
            // Peer-to-peer: read by the node (P2pSettings).
            flag("listen", "Accept P2P connections", OptionCategory.CONNECTION),
            value("port", "<port>", "Listen for P2P connections on <port>", OptionCategory.CONNECTION, OptionFlag.NETWORK_ONLY),
            value("bind", "<addr>[:<port>][=onion]", "Listen for P2P connections on this address",
                    OptionCategory.CONNECTION, OptionFlag.NETWORK_ONLY, OptionFlag.LIST),
            value("connect", "<ip>", "Open P2P connections to this peer only; -noconnect opens none",
                    OptionCategory.CONNECTION, OptionFlag.NETWORK_ONLY, OptionFlag.LIST),
            value("addnode", "<ip>", "Keep a P2P connection to this peer",
                    OptionCategory.CONNECTION, OptionFlag.NETWORK_ONLY, OptionFlag.LIST),
            value("maxconnections", "<n>", "Keep at most <n> P2P connections", OptionCategory.CONNECTION),
            flag("networkactive", "Enable all P2P network activity (setnetworkactive changes it at run time)",
                    OptionCategory.CONNECTION),
            value("bantime", "<n>", "Default duration (in seconds) of manually configured bans (default: 86400)",
                    OptionCategory.CONNECTION),
            value("whitelist", "<[permissions@]IP address or network>", "Add permission flags to the peers using the "
                    + "given IP address or CIDR-notated network (bloomfilter, noban, forcerelay, relay, mempool, "
                    + "download, addr, all; in/out say whether they apply to inbound or manual outbound connections; "
                    + "default: relay,noban,mempool,download for inbound)", OptionCategory.CONNECTION,
                    OptionFlag.LIST),
            flag("dnsseed", "Find peers through the DNS seeds", OptionCategory.CONNECTION, OptionFlag.NO_EFFECT),
            flag("fixedseeds", "Fall back to the built-in peer list", OptionCategory.CONNECTION, OptionFlag.NO_EFFECT),
            flag("listenonion", "Publish a Tor onion service", OptionCategory.CONNECTION, OptionFlag.NO_EFFECT),
            flag("natpmp", "Ask the router to forward the P2P port", OptionCategory.CONNECTION, OptionFlag.NO_EFFECT),
            flag("discover", "Find and advertise this host's addresses", OptionCategory.CONNECTION, OptionFlag.NO_EFFECT),
            flag("v2transport", "Offer BIP324 encrypted P2P connections (default: 1)", OptionCategory.CONNECTION),
            value("externalip", "<ip>", "Specify your own public address", OptionCategory.CONNECTION,
                    OptionFlag.LIST),
            value("asmap", "<file>", "Specify asn mapping used for bucketing of the peers. Relative paths will be "
                    + "prefixed by the net-specific datadir location. (default: ip_asn.map)", OptionCategory.CONNECTION),
            value("minimumchainwork", "<hex>", "Minimum work assumed to exist on a valid chain in hex (default: 0 on "
                    + "regtest; other chains: 0 here, Core has a per-chain value)", OptionCategory.DEBUG_TEST),
            value("peertimeout", "<n>", "Seconds before an idle P2P peer is dropped", OptionCategory.CONNECTION,
                    OptionFlag.NO_EFFECT),
            value("uacomment", "<cmt>", "Add a comment to the P2P user agent", OptionCategory.CONNECTION,
                    OptionFlag.LIST, OptionFlag.NO_EFFECT),
            // IPC
            value("ipcbind", "<address>", "Serve IPC on a unix socket: \"unix\" is <datadir>/<network>/node.sock, "
                    + "\"unix:<path>\" another path (relative to <datadir>/<network>); repeat for several. Accepted and "
                    + "checked; the node listens once the multiprocess runtime is in its deployment", OptionCategory.IPC, OptionFlag.LIST),
            value("ipcfd", "<fd>", "The file descriptor of a socket connected to the process that started this one "
                    + "(set by that process).", OptionCategory.IPC),
            // Wallet processes
            flag("disablewallet", "Run without any wallet (and without wallet RPC methods)", OptionCategory.WALLET),
            flag("walletprocess", "Start a bitcoin-wallet process for the node's wallets (default: 1); "
                    + "-nowalletprocess leaves wallets to processes that connect with -ipcconnect", OptionCategory.WALLET),
            // RPC server
            flag("server", "Serve JSON-RPC (always on here)", OptionCategory.RPC),
            value("rpcport", "<port>", "Serve JSON-RPC on <port> (default: the chain's: 8332, testnet3 18332, "
                    + "testnet4 48332, signet 38332, regtest 18443)", OptionCategory.RPC, OptionFlag.NETWORK_ONLY),
            value("rpcbind", "<addr>[:port]", "Bind to given address to listen for JSON-RPC connections (default: "
                    + "127.0.0.1). The last one given counts; its port overrides -rpcport.", OptionCategory.RPC,
                    OptionFlag.NETWORK_ONLY, OptionFlag.LIST),
            value("rpcuser", "<user>", "A JSON-RPC login besides the cookie: its user", OptionCategory.RPC),
            value("rpcpassword", "<pw>", "A JSON-RPC login besides the cookie: its password", OptionCategory.RPC),
            value("rpccookiefile", "<loc>", "Where to write the RPC cookie; a relative path is taken from "
                    + "<datadir>/<network> (default: .cookie there); -norpccookiefile writes none",
                    OptionCategory.RPC),
            value("rpcservertimeout", "<n>", "Seconds an RPC client may take to send its request (default: 30)", OptionCategory.RPC),
            value("rpcallowip", "<ip>", "Let this source address use JSON-RPC", OptionCategory.RPC,
                    OptionFlag.LIST, OptionFlag.NO_EFFECT),
            value("rpcthreads", "<n>", "Threads serving RPC calls", OptionCategory.RPC,
                    OptionFlag.NO_EFFECT),
            flag("rest", "Serve the REST interface", OptionCategory.RPC, OptionFlag.NO_EFFECT));

    /** Everything bitcoind and bitcoin-node accept. */
    public static final OptionTable TABLE = OptionTable.of(ArgsParser.COMMON_OPTIONS).with(HELP_OPTIONS).with(NODE)
            .with(WalletArgs.OPTIONS);
}

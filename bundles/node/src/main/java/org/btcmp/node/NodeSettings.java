package org.btcmp.node;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.btcmp.common.args.Args;
import org.btcmp.common.args.ArgsException;
import org.btcmp.common.args.ChainType;
import org.btcmp.common.init.DebugCategories;
import org.btcmp.common.init.IpcAddresses;
import org.btcmp.node.net.P2pNetwork;
import org.btcmp.node.net.P2pSettings;
import org.btcmp.primitives.ChainParams;

/**
 * Reads a {@link NodeConfig} from the options the process was started with (command line and
 * bitcoin.conf, already resolved by {@link Args}); every value it refuses is one line in Core's words.
 */
final class NodeSettings {
    private NodeSettings() {
    }

    private static final Set<String> P2P_LIST_OPTIONS = Set.of("bind", "connect", "addnode", "whitelist", "externalip");

    /**
     * The P2P options, as {@link P2pSettings#read} wants them: a negated option ({@code -nolisten})
     * arrives as "0", list options with every value in precedence order.
     *
     * @throws IllegalArgumentException with Core's message for a value it refuses
     */
    static P2pSettings readP2p(Args args) {
        return P2pSettings.read(P2pNetwork.ofChainName(args.chain().chainName()), name -> {
            if (args.isNegated(name)) {
                return List.of("0");
            }
            return P2P_LIST_OPTIONS.contains(name) ? args.getAll(name) : args.get(name).map(List::of).orElse(List.of());
        });
    }

    static NodeConfig read(Args args) throws ArgsException {
        try {
            ChainParams.of(args.chain());
        } catch (IllegalArgumentException e) {
            throw new ArgsException("Error: " + e.getMessage());
        }
        Path networkDir = args.chainDataDir();
        int rpcPort = port("-rpcport", args.get("rpcport"), 0);
        String rpcBind = "127.0.0.1";
        List<String> binds = args.getAll("rpcbind");
        if (!binds.isEmpty()) {
            String[] hostPort = splitHostPort(binds.get(binds.size() - 1));
            rpcBind = hostPort[0];
            if (hostPort[1] != null) {
                rpcPort = port("-rpcbind", Optional.of(hostPort[1]), rpcPort);
            }
        }
        int timeout = (int) Math.max(1, args.getInt("rpcservertimeout", 30));
        Set<String> debug;
        try {
            debug = DebugCategories.enabled(args.getAll("debug"));
        } catch (IllegalArgumentException e) {
            throw new ArgsException("Error: " + e.getMessage());
        }
        List<String> ipcBind = args.getAll("ipcbind");
        for (String address : ipcBind) {
            try {
                IpcAddresses.socketPath(address, networkDir, "node");
            } catch (IllegalArgumentException e) {
                throw new ArgsException("Error: Unable to bind to IPC address '" + address + "'. " + e.getMessage());
            }
        }
        Optional<String> fd = args.declares("ipcfd") ? args.get("ipcfd") : Optional.empty();
        if (fd.isPresent()) {
            try {
                IpcAddresses.fileDescriptor(fd.get());
            } catch (IllegalArgumentException e) {
                throw new ArgsException("Error: " + e.getMessage());
            }
        }
        Path cookie = args.isNegated("rpccookiefile") ? null
                : networkDir.resolve(args.get("rpccookiefile").filter(s -> !s.isEmpty()).orElse(".cookie"));
        String password = args.get("rpcpassword").filter(s -> !s.isEmpty()).orElse(null);
        String user = password == null ? null : args.get("rpcuser", "");
        return new NodeConfig(args.dataDir(), args.chain(), rpcBind, rpcPort, user, password, timeout,
                args.getBool("printtoconsole", false), cookie, debug, ipcBind, args.warnings(), options(args));
    }

    /** The resource, mempool-file, index and fee-estimate options of {@link NodeOptions}, with Core's defaults. */
    private static NodeOptions options(Args args) throws ArgsException {
        NodeOptions d = NodeOptions.DEFAULTS;
        try {
            return new NodeOptions(args.getInt("dbcache", d.dbCacheMiB()), args.getInt("maxmempool", d.maxMempoolMB()),
                    args.getInt("mempoolexpiry", d.mempoolExpiryHours()),
                    args.getBool("persistmempool", d.persistMempool()), args.getBool("txindex", d.txIndex()),
                    args.getBool("persistmempoolv1", d.persistMempoolV1()),
                    acceptStale(args, d), args.getInt("limitclustercount", d.clusterCount()),
                    args.getInt("limitclustersize", d.clusterSizeKvB()));
        } catch (IllegalArgumentException e) {
            throw new ArgsException("Error: " + e.getMessage());
        }
    }

    /** Core refuses -acceptstalefeeestimates outside regtest. */
    private static boolean acceptStale(Args args, NodeOptions d) throws ArgsException {
        boolean on = args.getBool("acceptstalefeeestimates", d.acceptStaleFeeEstimates());
        if (args.get("acceptstalefeeestimates").isPresent() && args.chain() != ChainType.REGTEST) {
            throw new ArgsException("Error: acceptstalefeeestimates is not supported on " + args.chain().chainName()
                    + " chain.");
        }
        return on;
    }

    private static int port(String option, Optional<String> value, int otherwise) throws ArgsException {
        if (value.isEmpty()) {
            return otherwise;
        }
        try {
            int port = Integer.parseInt(value.get().strip());
            if (port > 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ArgsException("Error: Invalid port specified in " + option + ": '" + value.get() + "'");
    }

    /** {@code host}, {@code host:port} or {@code [v6]:port}; the port is null when absent. */
    private static String[] splitHostPort(String text) throws ArgsException {
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new ArgsException("Error: Invalid -rpcbind address '" + text + "'");
            }
            String rest = text.substring(close + 1);
            return new String[] {text.substring(1, close), rest.startsWith(":") ? rest.substring(1) : null};
        }
        int colon = text.indexOf(':');
        if (colon >= 0 && text.indexOf(':', colon + 1) < 0) {
            return new String[] {text.substring(0, colon), text.substring(colon + 1)};
        }
        if (text.isBlank()) {
            throw new ArgsException("Error: Invalid -rpcbind address '" + text + "'");
        }
        return new String[] {text, null};
    }
}

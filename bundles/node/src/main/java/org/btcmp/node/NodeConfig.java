package org.btcmp.node;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.ChainParams;

/**
 * How a node runs: datadir, chain, RPC endpoint and credentials, logging, resources. {@code rpcPort} 0
 * means the chain's default port and -1 any free port (tests); {@code rpcUser} null means cookie
 * authentication only; {@code cookieFile} null means no cookie (-norpccookiefile);
 * {@code printToConsole} copies debug.log lines to stdout; {@code ipcBind} lists the -ipcbind
 * addresses as given; {@code warnings} are what reading the options found worth a line in debug.log
 * (e.g. an unknown key in bitcoin.conf); {@code options} holds the cache, mempool and index options.
 */
public record NodeConfig(Path dataDir, ChainType network, String rpcBind, int rpcPort, String rpcUser,
        String rpcPassword, int rpcServerTimeoutSeconds, boolean printToConsole, Path cookieFile,
        Set<String> debugCategories, List<String> ipcBind, List<String> warnings, NodeOptions options) {

    public NodeConfig {
        debugCategories = Set.copyOf(debugCategories);
        ipcBind = List.copyOf(ipcBind);
        warnings = List.copyOf(warnings);
    }

    public NodeConfig withOptions(NodeOptions o) {
        return new NodeConfig(dataDir, network, rpcBind, rpcPort, rpcUser, rpcPassword, rpcServerTimeoutSeconds,
                printToConsole, cookieFile, debugCategories, ipcBind, warnings, o);
    }

    public static NodeConfig regtest(Path dataDir, int rpcPort) {
        Path cookie = dataDir.resolve(ChainType.REGTEST.dataSubdirectory()).resolve(".cookie");
        return new NodeConfig(dataDir, ChainType.REGTEST, "127.0.0.1", rpcPort, null, null, 30, false, cookie,
                Set.of(), List.of(), List.of(), NodeOptions.DEFAULTS);
    }

    /** {@code <datadir>/<network>/}: mainnet lives at the root. */
    public Path networkDir() {
        String sub = network.dataSubdirectory();
        return sub.isEmpty() ? dataDir : dataDir.resolve(sub);
    }

    public int effectiveRpcPort() {
        return rpcPort < 0 ? 0 : rpcPort != 0 ? rpcPort : ChainParams.of(network).rpcPort();
    }
}

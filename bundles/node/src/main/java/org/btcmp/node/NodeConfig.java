package org.btcmp.node;

import java.nio.file.Path;
import org.btcmp.primitives.Network;

/**
 * How a node runs: datadir, network, RPC endpoint and credentials. {@code rpcPort} 0 means the
 * network's default port and -1 any free port (tests); {@code rpcUser} null means cookie
 * authentication only; {@code printToConsole} copies debug.log lines to stdout; {@code options} holds
 * the cache, mempool and index options.
 */
public record NodeConfig(Path dataDir, Network network, String rpcBind, int rpcPort, String rpcUser,
        String rpcPassword, int rpcServerTimeoutSeconds, boolean printToConsole, NodeOptions options) {

    /** A configuration with Core's default resource and index options. */
    public NodeConfig(Path dataDir, Network network, String rpcBind, int rpcPort, String rpcUser,
            String rpcPassword, int rpcServerTimeoutSeconds, boolean printToConsole) {
        this(dataDir, network, rpcBind, rpcPort, rpcUser, rpcPassword, rpcServerTimeoutSeconds, printToConsole,
                NodeOptions.DEFAULTS);
    }

    public NodeConfig withOptions(NodeOptions o) {
        return new NodeConfig(dataDir, network, rpcBind, rpcPort, rpcUser, rpcPassword, rpcServerTimeoutSeconds,
                printToConsole, o);
    }

    public static NodeConfig regtest(Path dataDir, int rpcPort) {
        return new NodeConfig(dataDir, Network.REGTEST, "127.0.0.1", rpcPort, null, null, 30, false);
    }

    /** {@code <datadir>/<network>/}: mainnet lives at the root. */
    public Path networkDir() {
        String sub = network.dataDirName();
        return sub.isEmpty() ? dataDir : dataDir.resolve(sub);
    }

    public int effectiveRpcPort() {
        return rpcPort < 0 ? 0 : rpcPort != 0 ? rpcPort : network.params().rpcPort();
    }
}

package org.btcmp.node;

import java.nio.file.Path;
import org.btcmp.primitives.Network;

/**
 * How a node runs: datadir, network, RPC endpoint and credentials. {@code rpcPort} 0 means the
 * network's default port and -1 any free port (tests); {@code rpcUser} null means cookie
 * authentication only; {@code printToConsole} copies debug.log lines to stdout.
 */
public record NodeConfig(Path dataDir, Network network, String rpcBind, int rpcPort, String rpcUser,
        String rpcPassword, int rpcServerTimeoutSeconds, boolean printToConsole) {

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

package org.btcmp.node;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.btcmp.primitives.Network;

/**
 * Reads a {@link NodeConfig} from component configuration (keys datadir, chain, rpcport, rpcbind,
 * rpcuser, rpcpassword) falling back to framework properties prefixed {@code btcmp.}; no datadir
 * means "no node in this deployment".
 */
final class NodeSettings {
    private NodeSettings() {
    }

    static Optional<NodeConfig> read(Map<String, ?> config, Function<String, String> framework) {
        Function<String, String> get = key -> {
            Object v = config.get(key);
            return v != null ? v.toString() : framework.apply("btcmp." + key);
        };
        String dataDir = get.apply("datadir");
        if (dataDir == null || dataDir.isBlank()) {
            return Optional.empty();
        }
        String chain = Optional.ofNullable(get.apply("chain")).orElse("main");
        Network network = switch (chain) {
            case "main" -> Network.MAIN;
            case "test" -> Network.TESTNET;
            case "testnet4" -> Network.TESTNET4;
            case "regtest" -> Network.REGTEST;
            default -> throw new IllegalArgumentException("Invalid chain name: " + chain);
        };
        String port = get.apply("rpcport");
        int rpcPort;
        try {
            rpcPort = port == null ? 0 : Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid port specified in -rpcport: '" + port + "'", e);
        }
        String bind = Optional.ofNullable(get.apply("rpcbind")).orElse("127.0.0.1");
        return Optional.of(new NodeConfig(Path.of(dataDir), network, bind, rpcPort, get.apply("rpcuser"),
                get.apply("rpcpassword"), 30, "1".equals(get.apply("printtoconsole"))));
    }
}

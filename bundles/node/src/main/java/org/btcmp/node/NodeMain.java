package org.btcmp.node;

import java.nio.file.Path;
import org.btcmp.primitives.Network;

/**
 * Runs a node as a plain Java program (tests spawn it as a child JVM; the launcher has its own
 * entry). Accepts -datadir, -regtest/-chain, -rpcport, -rpcbind, -rpcuser, -rpcpassword; exits 0
 * after the stop RPC.
 */
public final class NodeMain {
    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(System.getProperty("user.home"), ".bitcoin");
        Network network = Network.MAIN;
        String bind = "127.0.0.1";
        int port = 0;
        String user = null;
        String password = null;
        boolean console = false;
        NodeOptions options = NodeOptions.DEFAULTS;
        for (String a : args) {
            String key = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "1";
            switch (key) {
                case "-datadir" -> dataDir = Path.of(value);
                case "-regtest" -> network = Network.REGTEST;
                case "-testnet" -> network = Network.TESTNET;
                case "-testnet4" -> network = Network.TESTNET4;
                case "-chain" -> network = switch (value) {
                    case "regtest" -> Network.REGTEST;
                    case "test" -> Network.TESTNET;
                    case "testnet4" -> Network.TESTNET4;
                    case "main" -> Network.MAIN;
                    default -> throw fail("Invalid chain name: " + value);
                };
                case "-rpcport" -> port = Integer.parseInt(value);
                case "-rpcbind" -> bind = value;
                case "-rpcuser" -> user = value;
                case "-rpcpassword" -> password = value;
                case "-printtoconsole" -> console = !value.equals("0");
                case "-dbcache" -> options = options.withDbCacheMiB(number(key, value));
                case "-maxmempool" -> options = valid(options, o -> o.withMaxMempoolMB(number(key, value)));
                case "-mempoolexpiry" -> options = valid(options, o -> o.withMempoolExpiryHours(number(key, value)));
                case "-persistmempool" -> options = options.withPersistMempool(!value.equals("0"));
                case "-txindex" -> options = options.withTxIndex(!value.equals("0"));
                case "-server", "-listen", "-daemon" -> {
                    // accepted; they change nothing in this entry point
                }
                default -> throw fail("Error parsing command line arguments: Invalid parameter " + key);
            }
        }
        BitcoinNode node = BitcoinNode.start(new NodeConfig(dataDir, network, bind, port, user, password, 30, console,
                options));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                // exiting anyway
            }
        }));
        node.awaitStop();
        System.exit(0);
    }

    private static NodeOptions valid(NodeOptions o, java.util.function.UnaryOperator<NodeOptions> change) {
        try {
            return change.apply(o);
        } catch (IllegalArgumentException e) {
            throw fail("Error: " + e.getMessage());
        }
    }

    private static long number(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw fail("Error parsing command line arguments: Invalid value for " + key + ": " + value);
        }
    }

    private static IllegalArgumentException fail(String message) {
        System.err.println(message);
        System.exit(1);
        return new IllegalArgumentException(message);
    }
}

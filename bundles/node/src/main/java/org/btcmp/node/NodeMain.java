package org.btcmp.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.btcmp.node.net.P2pNetwork;
import org.btcmp.node.net.P2pSettings;
import org.btcmp.primitives.Network;

/**
 * Runs a node as a plain Java program (tests spawn it as a child JVM; the launcher has its own
 * entry). Accepts -datadir, -regtest/-chain, -rpcport, -rpcbind, -rpcuser, -rpcpassword and the P2P options
 * {@link P2pSettings#read} takes; exits 0 after the stop RPC.
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
        Map<String, List<String>> p2pOptions = new HashMap<>();
        for (String a : args) {
            String key = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "1";
            String name = key.startsWith("-no") ? key.substring(3) : key.substring(1);
            if (P2P_OPTIONS.contains(name)) {
                p2pOptions.computeIfAbsent(name, k -> new ArrayList<>()).add(key.startsWith("-no") ? "0" : value);
                continue;
            }
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
                case "-server", "-daemon" -> {
                    // accepted; they change nothing in this entry point
                }
                default -> throw fail("Error parsing command line arguments: Invalid parameter " + key);
            }
        }
        P2pSettings p2p;
        try {
            p2p = P2pSettings.read(P2pNetwork.ofChainName(network.chainName()),
                    k -> p2pOptions.getOrDefault(k, List.of()));
        } catch (IllegalArgumentException e) {
            throw fail("Error: " + e.getMessage());
        }
        BitcoinNode node = BitcoinNode.start(new NodeConfig(dataDir, network, bind, port, user, password, 30, console),
                p2p);
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

    private static final Set<String> P2P_OPTIONS =
            Set.of("listen", "port", "bind", "connect", "addnode", "maxconnections", "networkactive");

    private static IllegalArgumentException fail(String message) {
        System.err.println(message);
        System.exit(1);
        return new IllegalArgumentException(message);
    }
}

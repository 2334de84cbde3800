package org.btcmp.node;

import java.io.IOException;
import org.btcmp.common.args.Args;
import org.btcmp.common.args.ArgsException;
import org.btcmp.common.args.ArgsParser;
import org.btcmp.common.init.ServerOptions;

/**
 * Runs a node as a plain Java program, without OSGi (tests spawn it as a child JVM; bin/ runs the
 * node through the launcher). Takes bitcoind's options ({@link ServerOptions}); a bad option or a
 * node that cannot start is one line on stderr and exit code 1; exits 0 after the stop RPC. P2P runs with
 * {@link org.btcmp.node.net.P2pSettings}, as the launcher's node does.
 */
public final class NodeMain {
    private NodeMain() {
    }

    public static void main(String[] argv) throws InterruptedException {
        BitcoinNode node;
        try {
            Args args = new ArgsParser(ServerOptions.TABLE, false, ArgsParser.defaultDataDir()).parse(argv);
            if (args.getBool("help", false) || args.getBool("h", false) || args.getBool("?", false)) {
                System.out.print("Usage: NodeMain [options]   Start a btcmp node\n\nOptions:\n\n"
                        + ServerOptions.TABLE.helpText());
                System.exit(0);
            }
            node = BitcoinNode.start(NodeSettings.read(args), NodeSettings.readP2p(args));
        } catch (ArgsException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        } catch (IOException | RuntimeException e) {
            System.err.println("Error: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (IOException e) {
                // exiting anyway
            }
        }));
        node.awaitStop();
        System.exit(0);
    }
}

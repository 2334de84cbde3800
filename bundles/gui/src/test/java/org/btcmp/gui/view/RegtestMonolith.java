package org.btcmp.gui.view;

import java.io.IOException;
import java.nio.file.Path;
import org.btcmp.common.args.ChainType;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.NodeConfig;
import org.btcmp.node.iface.NodeChain;
import org.btcmp.node.iface.NodeStatus;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.script.Address;
import org.btcmp.wallet.WalletChainClient;
import org.btcmp.interfaces.Node;
import org.btcmp.interfaces.WalletLoader;

/**
 * A real regtest node and wallet process side in this JVM (the monolithic deployment's pieces,
 * without Felix): the GUI sees only its {@link Node} and {@link WalletLoader}.
 */
final class RegtestMonolith implements AutoCloseable {
    /** Core's regtest -fallbackfee default is 0; sends need one without fee estimates: 20 sat/vB. */
    static final long FALLBACK_FEE = 20_000;

    final BitcoinNode node;
    final Node nodeInterface;
    final WalletChainClient wallets;

    RegtestMonolith(Path dataDir) throws IOException {
        node = BitcoinNode.start(NodeConfig.regtest(dataDir, -1));
        nodeInterface = new NodeStatus(node);
        wallets = WalletChainClient.start(new NodeChain(node), node.config().networkDir().resolve("wallets"), "regtest",
                FALLBACK_FEE, 20);
    }

    WalletLoader loader() {
        return wallets.loader();
    }

    /** Mines {@code n} blocks paying {@code address} (what generatetoaddress does). */
    void mine(int n, String address) throws Exception {
        for (int i = 0; i < n; i++) {
            node.miner().generate(Address.toScript(address, ChainParams.of(ChainType.REGTEST)), null);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            wallets.close();
        } finally {
            node.close();
        }
    }
}

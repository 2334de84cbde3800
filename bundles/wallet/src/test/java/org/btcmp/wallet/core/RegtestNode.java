package org.btcmp.wallet.core;

import org.btcmp.primitives.ChainParams;
import java.nio.file.Path;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.NodeConfig;
import org.btcmp.node.iface.NodeChain;
import org.btcmp.primitives.Hash256;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.script.Address;

/** An in-process regtest node for wallet tests, seen by the wallet only through its Chain. */
final class RegtestNode implements AutoCloseable {
    static final long COIN = 100_000_000L;

    final BitcoinNode node;
    final NodeChain chain;

    RegtestNode(Path dataDir) throws Exception {
        node = BitcoinNode.start(NodeConfig.regtest(dataDir, -1));
        chain = new NodeChain(node);
    }

    /** Mines {@code n} blocks paying {@code address}, with whatever the mempool holds. */
    void mine(int n, String address) throws Exception {
        for (int i = 0; i < n; i++) {
            node.miner().generate(Address.toScript(address, ChainParams.of(ChainType.REGTEST)), null);
        }
    }

    void invalidateTip() throws Exception {
        node.chain().invalidateBlock(node.chain().tip().hash());
    }

    void reconsider(String hash) throws Exception {
        node.chain().reconsiderBlock(Hash256.fromHex(hash));
    }

    int height() {
        return node.chain().height();
    }

    @Override
    public void close() throws Exception {
        node.close();
    }
}

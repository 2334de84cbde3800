package org.btcmp.node.iface;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.btcmp.interfaces.BlockRef;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.Node;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.chain.BlockIndex;
import org.btcmp.node.chain.ChainListener;
import org.btcmp.primitives.Block;

/** {@link Node} (what a GUI shows) over an in-process node. */
public final class NodeStatus implements Node {
    private final BitcoinNode node;
    private final List<Consumer<BlockRef>> tipListeners = new CopyOnWriteArrayList<>();

    public NodeStatus(BitcoinNode node) {
        this.node = node;
        node.chain().addListener(new ChainListener() {
            @Override
            public void blockConnected(Block block, BlockIndex index) {
                BlockRef ref = Blocks.ref(index);
                tipListeners.forEach(l -> l.accept(ref));
            }

            @Override
            public void blockDisconnected(Block block, BlockIndex index) {
                BlockRef ref = Blocks.ref(index.prev());
                tipListeners.forEach(l -> l.accept(ref));
            }
        });
    }

    @Override
    public BlockRef getTip() {
        return Blocks.ref(node.chain().tip());
    }

    @Override
    public BlockRef getHeaderTip() {
        return getTip();
    }

    @Override
    public double getVerificationProgress() {
        return 1.0;
    }

    @Override
    public long getMempoolSize() {
        return node.mempool().size();
    }

    @Override
    public long getMempoolBytes() {
        return node.mempool().totalVsize();
    }

    @Override
    public boolean getNetworkActive() {
        return false;
    }

    @Override
    public Handler handleNotifyBlockTip(Consumer<BlockRef> listener) {
        tipListeners.add(listener);
        return () -> tipListeners.remove(listener);
    }
}

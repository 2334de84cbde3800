package org.btcmp.interfaces;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** What a GUI needs from the node (Core's interfaces::Node, the part this node has). */
@ProviderType
public interface Node {
    BlockRef getTip();

    /** The best header known (equal to the tip while this node has no peers). */
    BlockRef getHeaderTip();

    double getVerificationProgress();

    long getMempoolSize();

    long getMempoolBytes();

    boolean getNetworkActive();

    /** Turns P2P activity off (every peer disconnected, none accepted) or on again. */
    void setNetworkActive(boolean active);

    /** Connections open now, inbound and outbound. */
    int getNodeCount();

    /** The connected peers. */
    List<PeerInfo> getPeers();

    /** Bytes received from peers since the node started. */
    long getTotalBytesRecv();

    /** Bytes sent to peers since the node started. */
    long getTotalBytesSent();

    /** Called with the new number of connections whenever it changes. */
    Handler handleNotifyNumConnectionsChanged(NumConnectionsChanged listener);

    /** Called with the new state whenever network activity is turned on or off. */
    Handler handleNotifyNetworkActiveChanged(NetworkActiveChanged listener);

    /** Called with each new tip until the handler is disconnected. */
    Handler handleNotifyBlockTip(BlockTipChanged listener);

    // One listener type per notification (not Consumer<T>): across processes each travels as its own
    // callback interface, and a Java type stands for exactly one schema interface.

    /** Core's NotifyNumConnectionsChangedFn. */
    @FunctionalInterface
    interface NumConnectionsChanged {
        void numConnectionsChanged(int count);
    }

    /** Core's NotifyNetworkActiveChangedFn. */
    @FunctionalInterface
    interface NetworkActiveChanged {
        void networkActiveChanged(boolean active);
    }

    /** Core's NotifyBlockTipFn, with the new tip only. */
    @FunctionalInterface
    interface BlockTipChanged {
        void blockTipChanged(BlockRef tip);
    }

    /**
     * Runs the RPC {@code command} with {@code paramsJson} (a JSON array or object) for the request path
     * {@code uri} ("/" or "/wallet/<name>") as the node's JSON-RPC server would (Core's Node::executeRpc,
     * behind the GUI's console), and returns the JSON text of the result.
     *
     * @throws RpcCommand.RpcError with Core's code and message when the command fails
     */
    String executeRpc(String command, String paramsJson, String uri);

    /**
     * The wallets of every wallet process this node serves, as one loader (Core's Node::walletLoader): in
     * bitcoind the in-process wallets; in bitcoin-node those of its spawned wallet process and of every
     * wallet process that joined through {@link Chain#registerWalletLoader}. New wallets go to the spawned
     * process first.
     *
     * @throws UnsupportedOperationException from a Node that serves no wallets
     */
    default WalletLoader walletLoader() {
        throw new UnsupportedOperationException("this node serves no wallets");
    }
}

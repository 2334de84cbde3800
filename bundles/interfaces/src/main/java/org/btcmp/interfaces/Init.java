package org.btcmp.interfaces;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The first object of every connection between two processes (and of the in-process transport):
 * a factory for the other interfaces, as Bitcoin Core's {@code interfaces::Init}.
 */
@ProviderType
public interface Init {

    /** Makes a new {@link Echo}, owned by the caller: close it when done. */
    Echo makeEcho();

    /**
     * The node's {@link Chain} (Core's makeChain), for a wallet in another process.
     *
     * @throws UnsupportedOperationException in a process that serves no Chain
     */
    default Chain makeChain() {
        throw new UnsupportedOperationException("this process serves no Chain");
    }

    /**
     * The node's {@link Mining} (Core's makeMining), for an external miner.
     *
     * @throws UnsupportedOperationException in a process that serves no Mining
     */
    default Mining makeMining() {
        throw new UnsupportedOperationException("this process serves no Mining");
    }

    /**
     * The node's JSON-RPC server as an object (Core's makeRpc), for a command-line client over IPC.
     *
     * @throws UnsupportedOperationException in a process that serves no Rpc
     */
    default Rpc makeRpc() {
        throw new UnsupportedOperationException("this process serves no Rpc");
    }

    /**
     * The node's {@link Node} (what a GUI shows and controls).
     *
     * @throws UnsupportedOperationException in a process that serves no Node
     */
    default Node makeNode() {
        throw new UnsupportedOperationException("this process serves no Node");
    }

    /**
     * Starts the wallets of a wallet process on {@code chain} (the node that spawned the process passes
     * its own Chain) and returns their loader; the wallet RPCs then appear on that node.
     *
     * @throws UnsupportedOperationException in a process that serves no wallets
     */
    default WalletLoader makeWalletLoader(Chain chain) {
        throw new UnsupportedOperationException("this process serves no wallets");
    }
}

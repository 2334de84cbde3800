package org.btcmp.interfaces;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.osgi.annotation.versioning.ProviderType;

/** What a wallet needs from the node (Core's interfaces::Chain), in this project's own value types. */
@ProviderType
public interface Chain {
    /** Height of the active tip, empty before the genesis block is loaded. */
    OptionalInt getHeight();

    /** Hash of the active block at {@code height}; IllegalArgumentException when out of range. */
    String getBlockHash(int height);

    /** A block known to the node, with its bytes when {@code withData}. */
    Optional<BlockInfo> findBlock(String hash, boolean withData);

    /** The unspent outputs among {@code outpoints} (confirmed or in the mempool); spent ones are absent. */
    Map<OutPointRef, CoinInfo> findCoins(List<OutPointRef> outpoints);

    boolean isInMempool(String txid);

    /** Offers a serialized transaction to the mempool; refused above {@code maxFeeRate} sat/kvB when it is > 0. */
    BroadcastResult broadcastTransaction(byte[] tx, long maxFeeRate);

    /** The minimum relay fee rate in satoshis per 1000 virtual bytes. */
    long relayMinFee();

    /**
     * Core's estimateSmartFee: the fee rate for confirmation within {@code numBlocks}, conservative
     * or economical; a zero rate when the node has too little data.
     */
    FeeEstimate estimateSmartFee(int numBlocks, boolean conservative);

    /** The largest target {@link #estimateSmartFee} answers. */
    int estimateMaxBlocks();

    /** The mempool's current minimum fee rate (sat/kvB): at least the relay minimum, higher when full. */
    long mempoolMinFee();

    /** The fee rate a replacement must add (sat/kvB). */
    long relayIncrementalFee();

    /** The rate that defines dust outputs (sat/kvB). */
    long relayDustFee();

    Handler handleNotifications(ChainNotifications notifications);

    /** Returns once notifications for every tip change up to now were delivered, if the tip is not {@code oldTip}. */
    void waitForNotificationsIfTipChanged(String oldTip);

    /** Adds an RPC command to the node's server until the handler is disconnected. */
    Handler handleRpc(RpcCommand command);

    /**
     * Hands the node a wallet process's loader, so the node (and a GUI through {@link Node#walletLoader})
     * reaches that process's wallets, until the handler is disconnected or the process goes away (ours:
     * Core's wallet processes are always spawned by their node, which holds their loader already).
     */
    Handler registerWalletLoader(WalletLoader loader);
}

package org.btcmp.node.iface;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.btcmp.interfaces.BlockInfo;
import org.btcmp.interfaces.BroadcastResult;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.ChainNotifications;
import org.btcmp.interfaces.CoinInfo;
import org.btcmp.interfaces.FeeEstimate;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.OutPointRef;
import org.btcmp.interfaces.RpcCommand;
import org.btcmp.interfaces.WalletLoader;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.chain.BlockIndex;
import org.btcmp.node.chain.ChainListener;
import org.btcmp.node.chain.ChainState;
import org.btcmp.node.chain.Coin;
import org.btcmp.node.chain.FeeEstimator;
import org.btcmp.node.chain.Mempool;
import org.btcmp.node.chain.ValidationException;
import org.btcmp.node.rpc.RpcException;
import org.btcmp.node.rpc.RpcMethod;
import org.btcmp.node.rpc.RpcTable;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxOut;

/**
 * {@link Chain} over an in-process node. Notifications are delivered synchronously, in order,
 * on the thread that changed the chain, so "waitForNotificationsIfTipChanged" has nothing to wait for.
 */
public final class NodeChain implements Chain {
    private final BitcoinNode node;
    private final ChainState chain;
    private final List<ChainNotifications> subscribers = new CopyOnWriteArrayList<>();

    public NodeChain(BitcoinNode node) {
        this.node = node;
        this.chain = node.chain();
        chain.addListener(new ChainListener() {
            @Override
            public void blockConnected(Block block, BlockIndex index) {
                BlockInfo info = Blocks.info(chain, index, block);
                subscribers.forEach(s -> s.blockConnected(info));
            }

            @Override
            public void blockDisconnected(Block block, BlockIndex index) {
                BlockInfo info = Blocks.info(chain, index, block);
                subscribers.forEach(s -> s.blockDisconnected(info));
            }
        });
        Mempool mp = node.mempool();
        mp.onAdded(tx -> subscribers.forEach(s -> s.transactionAddedToMempool(tx.toBytes())));
        mp.onRemoved(tx -> subscribers.forEach(s -> s.transactionRemovedFromMempool(tx.toBytes())));
    }

    @Override
    public OptionalInt getHeight() {
        return OptionalInt.of(chain.height());
    }

    @Override
    public String getBlockHash(int height) {
        BlockIndex b = chain.atHeight(height);
        if (b == null) {
            throw new IllegalArgumentException("no active block at height " + height);
        }
        return b.hash().toString();
    }

    @Override
    public Optional<BlockInfo> findBlock(String hash, boolean withData) {
        Hash256 h;
        try {
            h = Hash256.fromHex(hash);
        } catch (DecodeException e) {
            return Optional.empty();
        }
        BlockIndex b = chain.lookup(h);
        return b == null ? Optional.empty() : Optional.of(Blocks.info(chain, b, withData));
    }

    @Override
    public Map<OutPointRef, CoinInfo> findCoins(List<OutPointRef> outpoints) {
        Map<OutPointRef, CoinInfo> found = new LinkedHashMap<>();
        for (OutPointRef ref : outpoints) {
            OutPoint o = new OutPoint(Hash256.fromHex(ref.txid()), ref.index());
            if (node.mempool().isSpentInMempool(o)) {
                continue;
            }
            Coin c = chain.coin(o);
            if (c != null) {
                found.put(ref, new CoinInfo(c.output().value(), c.output().scriptPubKey().bytes(), c.height(),
                        c.coinbase()));
                continue;
            }
            TxOut out = node.mempool().mempoolOutput(o);
            if (out != null) {
                found.put(ref, new CoinInfo(out.value(), out.scriptPubKey().bytes(), -1, false));
            }
        }
        return found;
    }

    @Override
    public boolean isInMempool(String txid) {
        return node.mempool().contains(Hash256.fromHex(txid));
    }

    @Override
    public BroadcastResult broadcastTransaction(byte[] bytes, long maxFeeRate) {
        Transaction tx;
        try {
            tx = Transaction.fromBytes(bytes);
        } catch (DecodeException e) {
            return new BroadcastResult(false, "TX decode failed: " + e.getMessage());
        }
        if (node.mempool().contains(tx.txid())) {
            return new BroadcastResult(true, "");
        }
        try {
            Mempool.Entry e = node.mempool().accept(tx, true);
            if (maxFeeRate > 0 && e.fee() > maxFeeRate * e.vsize() / 1000) {
                return new BroadcastResult(false, "Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)");
            }
            node.mempool().accept(tx, false);
            return new BroadcastResult(true, "");
        } catch (ValidationException e) {
            return new BroadcastResult(false, e.getMessage());
        }
    }

    @Override
    public long relayMinFee() {
        return Mempool.MIN_RELAY_FEE_PER_KVB;
    }

    @Override
    public FeeEstimate estimateSmartFee(int numBlocks, boolean conservative) {
        Mempool mp = node.mempool();
        FeeEstimator.Estimate e = mp.feeEstimator().estimate(numBlocks, conservative);
        // The estimator's own answer, as Core's Chain::estimateSmartFee gives it: the wallet raises it to the
        // mempool minimum itself and then reports "Mempool Min Fee" as Core does.
        return new FeeEstimate(e.feeRatePerKvB(), e.target(), e.reason());
    }

    @Override
    public int estimateMaxBlocks() {
        return FeeEstimator.MAX_TARGET;
    }

    @Override
    public long mempoolMinFee() {
        // Core's CTxMemPool::GetMinFee: the rolling minimum alone (0 until the pool evicted for space);
        // the relay minimum is relayMinFee's, so the wallet can tell "Mempool Min Fee" from "Minimum Required Fee"
        return node.mempool().minFeePerKvB();
    }

    @Override
    public long relayIncrementalFee() {
        return Mempool.INCREMENTAL_RELAY_FEE_PER_KVB;
    }

    @Override
    public long relayDustFee() {
        return Mempool.DUST_RELAY_FEE_PER_KVB;
    }

    @Override
    public Handler handleNotifications(ChainNotifications notifications) {
        subscribers.add(notifications);
        return () -> subscribers.remove(notifications);
    }

    @Override
    public void waitForNotificationsIfTipChanged(String oldTip) {
        // Delivery is synchronous under the chain lock: taking it once means every earlier change was delivered.
        synchronized (chain) {
            chain.tip();
        }
    }

    @Override
    public Handler handleRpc(RpcCommand command) {
        return node.rpcTable().provided().add(command);
    }

    @Override
    public Handler registerWalletLoader(WalletLoader loader) {
        return node.wallets().add(loader, false);
    }

}

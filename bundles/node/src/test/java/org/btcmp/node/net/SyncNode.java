package org.btcmp.node.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.node.chain.ChainState;
import org.btcmp.node.chain.Mempool;
import org.btcmp.node.chain.Miner;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;

/** One of our nodes for sync tests: a regtest chain in a directory, a miner, and its P2P layer with block sync. */
final class SyncNode implements AutoCloseable {
    static final Script PAYOUT = ScriptBuilder.p2pkh(new byte[20]);
    static final PeerTimeouts TIMEOUTS = new PeerTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMillis(200));

    /** Short trickle intervals so relay tests do not wait Core's seconds. */
    static final TxRelay.Trickle FAST = new TxRelay.Trickle(Duration.ofMillis(100), Duration.ofMillis(50));

    final ChainState chain;
    final Mempool mempool;
    final Miner miner;
    final BlockSync sync;
    final TxRelay relay;
    final CompactBlocks compact;
    final ConnectionManager net;
    /** Every layer's listener in one (block sync, transaction relay, compact blocks), for extra managers. */
    final PeerListener listener;

    /** Why each peer of this node disconnected, in order. */
    final List<Disconnect> disconnects = new java.util.concurrent.CopyOnWriteArrayList<>();

    SyncNode(Path dir) throws Exception {
        this(dir, BlockSync.Download.CORE);
    }

    SyncNode(Path dir, BlockSync.Download download) throws Exception {
        chain = new ChainState(ChainParams.of(ChainType.REGTEST), dir, () -> System.currentTimeMillis() / 1000);
        mempool = new Mempool(chain);
        miner = new Miner(chain, mempool);
        sync = new BlockSync(chain, download);
        relay = new TxRelay(mempool, FAST);
        compact = new CompactBlocks(chain, mempool, sync);
        PeerListener both = new PeerListener() {
            @Override
            public void handshakeComplete(Peer peer) {
                sync.handshakeComplete(peer);
                relay.handshakeComplete(peer);
                compact.handshakeComplete(peer);
            }

            @Override
            public void message(Peer peer, Message message) {
                sync.message(peer, message);
                relay.message(peer, message);
                compact.message(peer, message);
            }

            @Override
            public void disconnected(Peer peer, Disconnect reason) {
                disconnects.add(reason);
                sync.disconnected(peer, reason);
                relay.disconnected(peer, reason);
                compact.disconnected(peer, reason);
            }
        };
        listener = both;
        net = new ConnectionManager(LocalNode.defaults(P2pNetwork.REGTEST, chain::height).withMinFeeFilter(
                Mempool.MIN_RELAY_FEE_PER_KVB), TIMEOUTS, 8, both);
    }

    InetSocketAddress listen() throws Exception {
        return net.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    List<String> mine(int blocks) throws Exception {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            hashes.add(miner.generate(PAYOUT, List.of()).toString());
        }
        return hashes;
    }

    String tip() {
        return chain.tip().hash().toString();
    }

    @Override
    public void close() throws Exception {
        net.close();
        relay.close();
        compact.close();
        sync.close();
        chain.close();
    }
}

package org.btcmp.node.net;

import org.btcmp.primitives.ChainParams;
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
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;

/** One of our nodes for sync tests: a regtest chain in a directory, a miner, and its P2P layer with block sync. */
final class SyncNode implements AutoCloseable {
    static final Script PAYOUT = ScriptBuilder.p2pkh(new byte[20]);
    private static final PeerTimeouts TIMEOUTS = new PeerTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMillis(200));

    final ChainState chain;
    final Miner miner;
    final BlockSync sync;
    final ConnectionManager net;

    SyncNode(Path dir) throws Exception {
        chain = new ChainState(ChainParams.of(ChainType.REGTEST), dir, () -> System.currentTimeMillis() / 1000);
        miner = new Miner(chain, new Mempool(chain));
        sync = new BlockSync(chain);
        net = new ConnectionManager(LocalNode.defaults(P2pNetwork.REGTEST, chain::height), TIMEOUTS, 8, sync);
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
        sync.close();
        chain.close();
    }
}

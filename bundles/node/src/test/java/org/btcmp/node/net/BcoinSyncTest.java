package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Block sync between our node and bcoin 1.0.2: the same tip hash on both sides, each way. */
class BcoinSyncTest extends BcoinFixture {
    /** Our node mines on top of bcoin's chain; bcoin must end on our tip. */
    private void bcoinFollowsOurBlocks(int count) throws Exception {
        List<String> ours = this.ours.mine(count);
        await(() -> bcoin.bestBlockHash().equals(ours.get(count - 1)), "bcoin to sync our " + count + " blocks");
        assertEquals(BCOIN_SEGWIT_HEIGHT + 1 + count, Integer.parseInt(bcoin.rpc("getblockcount")));
    }

    @Test
    void weConnectSyncBcoinsChainFollowItAndBcoinSyncsOurBlocks() {
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            startBcoin();
            List<String> mined = bcoin.generate(BCOIN_SEGWIT_HEIGHT);
            assertEquals(BCOIN_SEGWIT_HEIGHT, mined.size());
            // As under -v2transport (our default): bcoin 1.0.2 has no BIP324, answers our key with a v1 reject,
            // and is reached by the v1 retry.
            Peer attempt = ours.net.connect(bcoinAddress(), ConnectionType.MANUAL, true);
            await(() -> attempt.v1Retry() != null, "the v1 retry after bcoin's v1 answer");
            Peer peer = attempt.v1Retry();
            assertTrue(peer.awaitHandshake(WAIT));
            assertEquals("v1", peer.transportProtocol());
            assertTrue(ours.net.isV1Only(bcoinAddress()));
            await(() -> ours.chain.height() == BCOIN_SEGWIT_HEIGHT, "our node to reach bcoin's height");
            assertEquals(bcoin.bestBlockHash(), ours.tip());
            String next = bcoin.generate(1).get(0);
            await(() -> next.equals(ours.tip()), "bcoin's announced next block");
            bcoinFollowsOurBlocks(30);
            assertEquals(0, peer.droppedMessages(), peer.lastDroppedReason());
        });
    }

    @Test
    void bcoinConnectsAndBothFollowEachOthersBlocks() {
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            InetSocketAddress listening = ours.listen();
            startBcoin(List.of("--only=127.0.0.1:" + listening.getPort()));
            await(() -> !ours.net.peers().isEmpty() && ours.net.peers().get(0).handshakeComplete(), "bcoin to connect");
            List<String> mined = bcoin.generate(BCOIN_SEGWIT_HEIGHT + 1);
            await(() -> ours.tip().equals(mined.get(BCOIN_SEGWIT_HEIGHT)), "our node to follow bcoin's blocks");
            bcoinFollowsOurBlocks(30);
        });
    }

    @Test
    void weFollowBcoinsLongerForkMinedWhileDisconnected() {
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            startBcoin();
            bcoin.generate(BCOIN_SEGWIT_HEIGHT);
            InetSocketAddress address = bcoinAddress();
            Peer first = ours.net.connect(address, ConnectionType.MANUAL);
            await(() -> ours.chain.height() == BCOIN_SEGWIT_HEIGHT, "the shared chain");
            first.disconnect();
            await(() -> bcoin.rpc("getconnectioncount").equals("0"), "bcoin to see the disconnect");
            String ourFork = ours.mine(3).get(2);
            String bcoinFork = bcoin.generate(5).get(4);
            assertEquals(ourFork, ours.tip());
            Peer second = ours.net.connect(address, ConnectionType.MANUAL);
            assertTrue(second.awaitHandshake(WAIT));
            await(() -> bcoinFork.equals(ours.tip()), "our node to reorganize onto bcoin's longer fork");
            assertEquals(BCOIN_SEGWIT_HEIGHT + 5, ours.chain.height());
            assertEquals(0, second.droppedMessages(), second.lastDroppedReason());
        });
    }

    @Test
    void bcoinFollowsOurLongerForkAfterReconnectingToUs() {
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            // A listener of its own over our chain, so the port can go away while both sides mine forks.
            PeerTimeouts timeouts = new PeerTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(2),
                    Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMillis(200));
            LocalNode local = LocalNode.defaults(P2pNetwork.REGTEST, ours.chain::height);
            ConnectionManager first = new ConnectionManager(local, timeouts, 8, ours.listener);
            InetSocketAddress listening = first.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            startBcoin(List.of("--only=127.0.0.1:" + listening.getPort()));
            List<String> shared = bcoin.generate(BCOIN_SEGWIT_HEIGHT);
            await(() -> ours.tip().equals(shared.get(BCOIN_SEGWIT_HEIGHT - 1)), "the shared chain");
            first.close();
            await(() -> bcoin.rpc("getconnectioncount").equals("0"), "bcoin to see the disconnect");
            String bcoinFork = bcoin.generate(2).get(1);
            String ourFork = ours.mine(6).get(5);
            assertEquals(bcoinFork, bcoin.bestBlockHash());
            try (ConnectionManager second = new ConnectionManager(local, timeouts, 8, ours.listener)) {
                second.listen(listening);
                await(() -> bcoin.bestBlockHash().equals(ourFork), "bcoin to reorganize onto our longer fork");
                assertEquals(ourFork, ours.tip());
            }
        });
    }

    /** The node's own P2P layer under -v2transport (the default) with -connect=bcoin: the v1 retry connects. */
    @Test
    void aNodeWithV2TransportOnReachesBcoinThroughItsV1Retry() {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            startBcoin();
            List<String> mined = bcoin.generate(5);
            String target = P2pNode.hostPort(bcoinAddress());
            java.nio.file.Path dir = temp.resolve("node");
            P2pSettings settings = new P2pSettings(false, 0, List.of(), List.of(), List.of(), false, 125, true)
                    .withV2Transport(true).withConnect(List.of(target));
            try (org.btcmp.node.chain.ChainState chain = new org.btcmp.node.chain.ChainState(
                    org.btcmp.primitives.ChainParams.of(org.btcmp.common.args.ChainType.REGTEST), dir,
                    () -> System.currentTimeMillis() / 1000);
                    P2pNode node = new P2pNode(LocalNode.defaults(P2pNetwork.REGTEST, chain::height), settings,
                            SyncNode.TIMEOUTS, chain, dir, () -> System.currentTimeMillis() / 1000)) {
                node.start();
                await(() -> node.manualPeer(target).map(Peer::handshakeComplete).orElse(false),
                        "the -connect peer, reached in v1 after the v2 attempt");
                Peer peer = node.manualPeer(target).orElseThrow();
                assertEquals("v1", peer.transportProtocol());
                assertTrue(node.connections().isV1Only(bcoinAddress()));
                await(() -> chain.tip().hash().toString().equals(mined.get(4)), "bcoin's 5 blocks");
                assertEquals(1, node.peers().size());
            }
        });
    }
}

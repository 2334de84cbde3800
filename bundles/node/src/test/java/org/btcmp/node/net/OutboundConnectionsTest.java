package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.btcmp.common.args.ChainType;
import org.btcmp.node.chain.ChainState;
import org.btcmp.primitives.ChainParams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core's automatic outbound connections: full-relay slots first, then block-relay-only ones (no transactions, no
 * addresses, no getaddr), then feelers that probe a "new" address, hang up after its version and move it to
 * tried; -maxconnections caps the slots and -connect turns all of it off.
 */
class OutboundConnectionsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** One full-relay and one block-relay-only slot, feelers every ~300 ms, so a test sees all three kinds. */
    private static final P2pNode.Outbound SMALL = new P2pNode.Outbound(1, 1, Duration.ofMillis(300),
            Duration.ofMillis(50));

    @TempDir
    Path temp;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final Map<SyncNode, InetSocketAddress> listening = new ConcurrentHashMap<>();
    /** Why each of the node's peers ended, by connection type. */
    private final Map<ConnectionType, List<String>> ended = new ConcurrentHashMap<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        assertEquals(List.of(), NetThreads.alive());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private List<SyncNode> targets(int n) throws Exception {
        List<SyncNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SyncNode b = new SyncNode(temp.resolve("b" + i));
            open.add(b);
            listening.put(b, b.listen());
            out.add(b);
        }
        return out;
    }

    private InetSocketAddress address(SyncNode b) {
        return listening.get(b);
    }

    private P2pNode node(P2pSettings settings, List<SyncNode> known) throws Exception {
        ChainState chain = new ChainState(ChainParams.of(ChainType.REGTEST), temp.resolve("c"),
                () -> System.currentTimeMillis() / 1000);
        open.add(chain);
        P2pNode c = new P2pNode(LocalNode.defaults(P2pNetwork.REGTEST, chain::height), settings, SyncNode.TIMEOUTS,
                chain, temp.resolve("c"), () -> System.currentTimeMillis() / 1000, SMALL);
        open.add(c);
        for (SyncNode b : known) {
            c.addrMan().add(address(b), RawPeer.FULL_SERVICES, System.currentTimeMillis() / 1000 - 60);
        }
        c.addListener(new PeerListener() {
            @Override
            public void disconnected(Peer peer, Disconnect reason) {
                ended.computeIfAbsent(peer.type(), t -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(reason.detail());
            }
        });
        c.start();
        return c;
    }

    private static P2pSettings automatic(int maxConnections) {
        return new P2pSettings(false, 0, List.of(), List.of(), List.of(), true, maxConnections, true);
    }

    private static long count(P2pNode c, ConnectionType type) {
        return c.peers().stream().filter(p -> p.type() == type && p.handshakeComplete()).count();
    }

    @Test
    void fullRelayThenBlockRelayOnlyThenAFeelerThatMovesTheLastAddressToTried() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            List<SyncNode> bs = targets(3);
            P2pNode c = node(automatic(125), bs);
            await(() -> count(c, ConnectionType.OUTBOUND_FULL_RELAY) == 1
                    && count(c, ConnectionType.BLOCK_RELAY) == 1, "one full-relay and one block-relay-only peer");
            await(() -> bs.stream().allMatch(b -> c.addrMan().isTried(address(b))),
                    "the feeler to move the third address to tried");
            // The address is marked good as the feeler hangs up, just before the listeners hear of it.
            await(() -> ended.getOrDefault(ConnectionType.FEELER, List.of()).contains("feeler connection completed"),
                    "the feeler's own hang-up");
            await(() -> c.peers().size() == 2, "the feeler gone");
            assertEquals(2, c.peers().stream().filter(p -> p.type() != ConnectionType.FEELER).count());

            Peer blockRelay = c.peers().stream().filter(p -> p.type() == ConnectionType.BLOCK_RELAY).findFirst()
                    .orElseThrow();
            Peer fullRelay = c.peers().stream().filter(p -> p.type() == ConnectionType.OUTBOUND_FULL_RELAY)
                    .findFirst().orElseThrow();
            SyncNode atBlockRelay = bs.stream().filter(b -> address(b).equals(blockRelay.remoteAddress()))
                    .findFirst().orElseThrow();
            SyncNode atFullRelay = bs.stream().filter(b -> address(b).equals(fullRelay.remoteAddress()))
                    .findFirst().orElseThrow();
            Peer seenByBlockRelay = atBlockRelay.net.peers().get(0);
            await(seenByBlockRelay::handshakeComplete, "the block-relay-only peer's side of the handshake");
            assertFalse(seenByBlockRelay.version().relay(), "our version asks for no transactions");
            assertFalse(blockRelay.bytesSentPerMessage().containsKey("getaddr"), "no getaddr on block-relay-only");
            assertFalse(blockRelay.bytesSentPerMessage().containsKey("feefilter"));
            assertTrue(atFullRelay.net.peers().get(0).version().relay());
            assertTrue(fullRelay.bytesSentPerMessage().containsKey("getaddr"));
            assertEquals(2, c.peers().size(), "no feeler stays, and no further slot opens");
        });
    }

    @Test
    void maxConnectionsCapsTheSlots() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            List<SyncNode> bs = targets(3);
            // -maxconnections=1: one full-relay slot, none for block-relay-only; feelers still probe.
            P2pNode c = node(automatic(1), bs);
            await(() -> count(c, ConnectionType.OUTBOUND_FULL_RELAY) == 1, "the full-relay peer");
            await(() -> bs.stream().allMatch(b -> c.addrMan().isTried(address(b))), "feelers to try the others");
            assertEquals(0, ended.getOrDefault(ConnectionType.BLOCK_RELAY, List.of()).size());
            assertEquals(0, count(c, ConnectionType.BLOCK_RELAY));
            assertEquals(1, count(c, ConnectionType.OUTBOUND_FULL_RELAY));
        });
    }

    @Test
    void withConnectNoAutomaticConnectionAndNoFeelerIsMade() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            List<SyncNode> bs = targets(3);
            String only = P2pNode.hostPort(address(bs.get(0)));
            P2pSettings connect = new P2pSettings(false, 0, List.of(), List.of(), List.of(), true, 125, true)
                    .withConnect(List.of(only));
            P2pNode c = node(connect, bs.subList(1, 3));
            await(() -> c.manualPeer(only).map(Peer::handshakeComplete).orElse(false), "the -connect peer");
            Thread.sleep(3000); // ten feeler intervals and three connection ticks
            assertEquals(1, c.peers().size());
            assertEquals(ConnectionType.MANUAL, c.peers().get(0).type());
            assertEquals(Map.of(), ended, "no other connection was even tried");
            assertFalse(c.addrMan().isTried(address(bs.get(1))));
        });
    }
}

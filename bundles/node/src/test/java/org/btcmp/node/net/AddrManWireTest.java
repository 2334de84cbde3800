package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.btcmp.common.args.ChainType;
import org.btcmp.node.chain.ChainState;
import org.btcmp.primitives.ChainParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The address manager as peers see it: addr messages fill "new", connections fill "tried", getaddr answers. */
class AddrManWireTest {
    private static final PeerTimeouts TIMEOUTS = new PeerTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMillis(200));

    @TempDir
    Path temp;

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static P2pNode node(ChainState chain, Path dir, boolean automatic) throws Exception {
        // The addr permission lifts Core's rate limit (0.1 address/s) so a test peer can fill the tables at once.
        P2pSettings s = new P2pSettings(true, 0, List.of("127.0.0.1"), List.of(), List.of(), automatic, 125, true)
                .withWhitelist(List.of(Whitelist.parse("addr@127.0.0.1")));
        P2pNode n = new P2pNode(LocalNode.defaults(P2pNetwork.REGTEST, chain::height), s, TIMEOUTS, chain, dir,
                () -> System.currentTimeMillis() / 1000);
        n.start();
        return n;
    }

    @Test
    void addrMessagesFillNewAndGetaddrSharesAtMostCoresShareLeavingOutStaleOnes() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            Path dirA = temp.resolve("a");
            try (ChainState chainA = new ChainState(ChainParams.of(ChainType.REGTEST), dirA, () -> 0)) {
                long now = System.currentTimeMillis() / 1000;
                List<TimedAddress> heard = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    heard.add(new TimedAddress(now - 60, new NetAddress(RawPeer.FULL_SERVICES,
                            InetAddress.getByAddress(new byte[] {20, (byte) i, 1, 1}), 8333)));
                }
                InetAddress stale = InetAddress.getByName("21.0.0.1");
                heard.add(new TimedAddress(now - AddrMan.HORIZON_SECONDS - 3600, new NetAddress(1, stale, 8333)));

                P2pNode a = node(chainA, dirA, false);
                try (RawPeer peer = new RawPeer(a.listening().get(0))) {
                    peer.handshake();
                    peer.send(new AddrMessage(heard));
                    peer.assertAlive(1); // the addr message was handled before the ping
                    // One source group and 64 buckets of 64 slots: an address whose slot is taken is dropped.
                    int known = a.addrMan().size();
                    assertTrue(known >= 90 && known <= heard.size(), "known " + known);
                    assertEquals(known, a.addrMan().newCount());
                    assertEquals(0, a.addrMan().triedCount());

                }
                // Another peer asks: the sender itself would get nothing back, as it knows these addresses.
                try (RawPeer peer = new RawPeer(a.listening().get(0))) {
                    peer.handshake();
                    int known = a.addrMan().size();
                    peer.send(EmptyMessage.GETADDR);
                    AddrMessage answer = (AddrMessage) peer.expect(AddrMessage.COMMAND);
                    Set<InetAddress> answered = new HashSet<>();
                    answer.addresses().forEach(t -> answered.add(t.address().address()));
                    assertTrue(!answered.isEmpty() && answered.size() <= known * 23 / 100,
                            "Core's getaddr share: at most 23 %, got " + answered.size());
                    assertFalse(answered.contains(stale), "an address unseen for 30 days is not shared");
                }
                a.close();
            }
        });
    }

    @Test
    void anAddressHeardOfIsConnectedToAutomaticallyThenTriedAndStaysTriedAcrossARestart() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            Path dirB = temp.resolve("b");
            Path dirC = temp.resolve("c");
            try (ChainState chainB = new ChainState(ChainParams.of(ChainType.REGTEST), dirB, () -> 0);
                    ChainState chainC = new ChainState(ChainParams.of(ChainType.REGTEST), dirC, () -> 0);
                    P2pNode b = node(chainB, dirB, false)) {
                InetSocketAddress bAddress = b.listening().get(0);
                P2pNode c = node(chainC, dirC, true);
                try (RawPeer peer = new RawPeer(c.listening().get(0))) {
                    peer.handshake();
                    peer.send(new AddrMessage(List.of(new TimedAddress(System.currentTimeMillis() / 1000,
                            new NetAddress(RawPeer.FULL_SERVICES, bAddress.getAddress(), bAddress.getPort())))));
                    await(() -> c.addrMan().isTried(bAddress), "B in the tried table after a connection");
                    assertTrue(c.peers().stream().anyMatch(p -> p.remoteAddress().equals(bAddress)
                            && p.type() == ConnectionType.OUTBOUND_FULL_RELAY));
                } finally {
                    c.close();
                }
                P2pNode c2 = node(chainC, dirC, false);
                try {
                    assertTrue(c2.addrMan().isTried(bAddress), "tried survives a restart");
                    assertEquals(1, c2.addrMan().triedCount());
                    assertEquals(0, c2.addrMan().newCount());
                } finally {
                    c2.close();
                }
            }
        });
    }
}

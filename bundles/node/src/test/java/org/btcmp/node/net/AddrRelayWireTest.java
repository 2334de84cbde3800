package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.concurrent.atomic.AtomicLong;
import org.btcmp.common.args.ChainType;
import org.btcmp.node.chain.ChainState;
import org.btcmp.node.chain.Mempool;
import org.btcmp.node.chain.Miner;
import org.btcmp.primitives.ChainParams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core's addr handling as peers see it: the token bucket (0.1 address/s, one to start with), forwarding of fresh
 * addresses from small messages to two other peers, getaddr answered once per connection from a cached sample,
 * and our own -externalip address advertised once past initial block download.
 */
class AddrRelayWireTest {
    private static final Duration QUIET = Duration.ofMillis(1500);

    @TempDir
    Path temp;

    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis() / 1000);
    private ChainState chain;
    private P2pNode node;
    private final List<RawPeer> raw = new ArrayList<>();

    @BeforeEach
    void chain() throws Exception {
        chain = new ChainState(ChainParams.of(ChainType.REGTEST), temp.resolve("chain"),
                () -> System.currentTimeMillis() / 1000);
    }

    @AfterEach
    void stop() throws Exception {
        for (RawPeer p : raw) {
            p.close();
        }
        if (node != null) {
            node.close();
        }
        chain.close();
        assertEquals(List.of(), NetThreads.alive());
    }

    private P2pNode start(P2pSettings settings) throws Exception {
        node = new P2pNode(LocalNode.defaults(P2pNetwork.REGTEST, chain::height), settings, SyncNode.TIMEOUTS, chain,
                java.nio.file.Files.createDirectories(temp.resolve("net")), clock::get, new P2pNode.Outbound(8, 2, Duration.ofMinutes(2),
                        Duration.ofMillis(50)));
        node.start();
        return node;
    }

    private static P2pSettings listening() {
        return new P2pSettings(true, 0, List.of("127.0.0.1"), List.of(), List.of(), false, 125, true);
    }

    private RawPeer connect() throws Exception {
        RawPeer p = new RawPeer(node.listening().get(0));
        raw.add(p);
        p.handshake();
        return p;
    }

    private static TimedAddress address(int a, int b, long time) throws Exception {
        return new TimedAddress(time, new NetAddress(RawPeer.FULL_SERVICES,
                InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, 1, 1}), 8333));
    }

    private static Set<InetAddress> addresses(List<Message> messages) {
        Set<InetAddress> out = new HashSet<>();
        for (Message m : messages) {
            ((AddrMessage) m).addresses().forEach(t -> out.add(t.address().address()));
        }
        return out;
    }

    private long[] stats(int peerIndex) {
        Peer p = node.peers().stream().sorted((x, y) -> Long.compare(x.id(), y.id())).toList().get(peerIndex);
        return node.addrStats(p).orElseThrow();
    }

    @Test
    void aPeerMayMakeUsProcessOneAddressAtFirstThenOneEveryTenSeconds() {
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            start(listening());
            RawPeer p = connect();
            List<TimedAddress> twenty = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                twenty.add(address(20, i, clock.get()));
            }
            p.send(new AddrMessage(twenty));
            p.assertAlive(1);
            assertEquals(1, stats(0)[1], "processed: the bucket starts with one token");
            assertEquals(19, stats(0)[2], "rate limited");
            assertEquals(1, node.addrMan().size());

            clock.addAndGet(100); // 100 s at 0.1/s: ten more tokens
            List<TimedAddress> more = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                more.add(address(21, i, clock.get()));
            }
            p.send(new AddrMessage(more));
            p.assertAlive(2);
            assertEquals(11, stats(0)[1]);
            assertEquals(29, stats(0)[2]);
        });
    }

    @Test
    void aFreshAddressFromASmallMessageGoesToExactlyTwoOtherPeers() {
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            start(listening().withWhitelist(List.of(Whitelist.parse("addr@127.0.0.1"))));
            List<RawPeer> peers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                RawPeer p = connect();
                p.send(EmptyMessage.GETADDR); // an inbound peer takes part in addr relay once it asks
                p.assertAlive(10 + i);
                peers.add(p);
            }
            RawPeer sender = peers.get(0);
            TimedAddress fresh = address(30, 1, clock.get());
            sender.send(new AddrMessage(List.of(fresh)));
            int got = 0;
            for (RawPeer p : peers.subList(1, 4)) {
                if (addresses(p.collect(AddrMessage.COMMAND, QUIET)).contains(fresh.address().address())) {
                    got++;
                }
            }
            assertEquals(2, got, "forwarded to two of the three other peers");
            assertTrue(addresses(sender.collect(AddrMessage.COMMAND, Duration.ofMillis(200))).isEmpty(),
                    "never back to the sender");

            // Not forwarded: eleven addresses in one message, an address seen 20 minutes ago, a private one.
            List<TimedAddress> eleven = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                eleven.add(address(31, i, clock.get()));
            }
            sender.send(new AddrMessage(eleven));
            sender.send(new AddrMessage(List.of(address(32, 1, clock.get() - 1200))));
            sender.send(new AddrMessage(List.of(address(10, 1, clock.get()))));
            for (RawPeer p : peers.subList(1, 4)) {
                assertEquals(Set.of(), addresses(p.collect(AddrMessage.COMMAND, QUIET)));
            }
            assertTrue(node.addrMan().size() >= 12, "stored all the same: " + node.addrMan().size());
        });
    }

    @Test
    void getaddrIsAnsweredOncePerConnectionFromACachedSampleWithoutBannedAddresses() {
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            start(listening());
            for (int i = 0; i < 200; i++) {
                node.addrMan().add(new InetSocketAddress(InetAddress.getByAddress(new byte[] {40, (byte) i, 1, 1}),
                        8333), RawPeer.FULL_SERVICES, clock.get() - 60);
            }
            int known = node.addrMan().size();
            RawPeer first = connect();
            first.send(EmptyMessage.GETADDR);
            Set<InetAddress> answer = addresses(List.of(first.expect(AddrMessage.COMMAND)));
            assertTrue(!answer.isEmpty() && answer.size() <= known * 23 / 100, answer.size() + " of " + known);
            first.send(EmptyMessage.GETADDR);
            assertEquals(List.of(), first.collect(AddrMessage.COMMAND, QUIET), "one answer per connection");

            RawPeer second = connect();
            second.send(EmptyMessage.GETADDR);
            assertEquals(answer, addresses(List.of(second.expect(AddrMessage.COMMAND))),
                    "the same cached sample for another connection to the same socket");

            InetAddress banned = answer.iterator().next();
            node.ban(Subnet.parse(banned.getHostAddress()), clock.get() + 3600);
            RawPeer third = connect();
            third.send(EmptyMessage.GETADDR);
            Set<InetAddress> expected = new HashSet<>(answer);
            expected.remove(banned);
            assertEquals(expected, addresses(List.of(third.expect(AddrMessage.COMMAND))));
        });
    }

    @Test
    void ourExternalAddressIsAdvertisedOncePastInitialBlockDownload() {
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            start(listening().withExternalIps(List.of("1.2.3.4")));
            RawPeer during = connect();
            during.send(EmptyMessage.GETADDR);
            assertEquals(List.of(), during.collect(AddrMessage.COMMAND, QUIET),
                    "nothing during initial block download (and nothing known to share)");

            new Miner(chain, new Mempool(chain)).generate(SyncNode.PAYOUT, List.of());
            RawPeer after = connect();
            after.send(EmptyMessage.GETADDR);
            AddrMessage self = (AddrMessage) after.expect(AddrMessage.COMMAND);
            int port = node.listening().get(0).getPort();
            assertTrue(self.addresses().stream().anyMatch(t -> t.address().address().getHostAddress()
                    .equals("1.2.3.4") && t.address().port() == port), self.toString());
        });
    }
}

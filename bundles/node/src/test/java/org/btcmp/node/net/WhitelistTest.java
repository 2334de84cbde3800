package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.btcmp.node.chain.TestKey;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -whitelist permissions on the wire: BIP35's mempool message and noban, as Core grants them. */
class WhitelistTest {
    private static final TestKey KEY = new TestKey("whitelist");

    @TempDir
    Path temp;

    /** Our node with one transaction of {@code fee} satoshis in its mempool. */
    private static Transaction withMempoolTx(SyncNode node, long fee) throws Exception {
        for (int i = 0; i < 101; i++) {
            node.miner.generate(KEY.script, List.of());
        }
        Block first = node.chain.readBlock(node.chain.atHeight(1));
        long value = first.transactions().get(0).outputs().get(0).value();
        Transaction tx = KEY.spend(new OutPoint(first.transactions().get(0).txid(), 0), value, value - fee,
                KEY.script);
        node.mempool.accept(tx, false);
        return tx;
    }

    @Test
    void whitelistValuesParseAsCoresWithItsMessages() throws Exception {
        Whitelist implicit = Whitelist.parse("127.0.0.1");
        assertEquals(Set.of(NetPermission.RELAY, NetPermission.MEMPOOL, NetPermission.NOBAN, NetPermission.DOWNLOAD),
                implicit.permissions());
        assertTrue(implicit.inbound() && !implicit.outbound());
        Whitelist explicit = Whitelist.parse("noban,out@10.0.0.0/8");
        assertEquals(Set.of(NetPermission.NOBAN, NetPermission.DOWNLOAD), explicit.permissions());
        assertTrue(!explicit.inbound() && explicit.outbound());
        assertEquals(Set.of(NetPermission.values()), Set.copyOf(Whitelist.parse("all@::1").permissions()));
        assertEquals(Set.of(NetPermission.FORCERELAY, NetPermission.RELAY),
                Whitelist.parse("forcerelay@1.2.3.4").permissions());
        assertEquals(Set.of(NetPermission.NOBAN, NetPermission.DOWNLOAD), Whitelist.permissionsOf(
                List.of(explicit), InetAddress.getByName("10.1.2.3"), false));
        assertEquals(Set.of(), Whitelist.permissionsOf(List.of(explicit), InetAddress.getByName("10.1.2.3"), true));
        assertEquals("Invalid P2P permission: 'nobann'",
                assertThrows(IllegalArgumentException.class, () -> Whitelist.parse("nobann@1.2.3.4")).getMessage());
        assertEquals("Invalid netmask specified in -whitelist: '1.2.3.4/40'",
                assertThrows(IllegalArgumentException.class, () -> Whitelist.parse("1.2.3.4/40")).getMessage());
    }

    @Test
    void aMempoolRequestWithoutPermissionDisconnectsAndWithNobanIsIgnored() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (SyncNode ours = new SyncNode(temp.resolve("ours"))) {
                withMempoolTx(ours, 10_000);
                try (RawPeer peer = new RawPeer(ours.listen())) {
                    peer.handshakeWtxid();
                    peer.send(EmptyMessage.MEMPOOL);
                    assertTrue(peer.closedByRemote(), "mempool request with bloom filters disabled");
                }
                ours.net.setWhitelist(List.of(Whitelist.parse("noban@127.0.0.1")));
                try (RawPeer peer = new RawPeer(ours.listen())) {
                    peer.handshakeWtxid();
                    peer.send(EmptyMessage.MEMPOOL);
                    Thread.sleep(500); // several trickles
                    peer.assertAlive(8);
                    assertFalse(peer.received.contains("inv"), peer.received.toString());
                    // noban: misbehaviour (an inv past Core's 50 000 entries) does not cost the connection.
                    List<InvVector> tooMany = new ArrayList<>();
                    for (int i = 0; i <= ProtocolLimits.MAX_INV_ENTRIES; i++) {
                        tooMany.add(new InvVector(InvVector.MSG_WTX, Bytes.copyOf(new byte[32])));
                    }
                    peer.send(new InventoryMessage(InventoryMessage.INV, tooMany));
                    peer.assertAlive(9);
                    assertEquals(List.of("download", "noban"), ours.net.peers().get(0).permissions().stream()
                            .map(p -> p.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList());
                }
            }
        });
    }

    @Test
    void aPeerWithTheMempoolPermissionHearsOfTheMempoolAboveItsFeeFilter() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (SyncNode ours = new SyncNode(temp.resolve("ours"))) {
                Transaction tx = withMempoolTx(ours, 10_000);
                ours.net.setWhitelist(List.of(Whitelist.parse("mempool@127.0.0.1")));
                try (RawPeer peer = new RawPeer(ours.listen())) {
                    peer.handshakeWtxid();
                    peer.send(EmptyMessage.MEMPOOL);
                    InventoryMessage inv = (InventoryMessage) peer.expect(InventoryMessage.INV);
                    assertEquals(List.of(new InvVector(InvVector.MSG_WTX, Hashes.of(tx.wtxid()))), inv.entries());
                    peer.send(new InventoryMessage(InventoryMessage.GETDATA, inv.entries()));
                    RawMessage served = (RawMessage) peer.expect(RawMessage.TX);
                    assertEquals(tx.txid(), Transaction.fromBytes(served.payload().toByteArray()).txid());
                }
                try (RawPeer picky = new RawPeer(ours.listen())) {
                    picky.handshakeWtxid();
                    // 10 000 sat for ~190 vB is ~52 sat/vB: a filter of 100 sat/vB (100 000 per kvB) excludes it.
                    picky.send(new FeeFilterMessage(100_000));
                    picky.send(EmptyMessage.MEMPOOL);
                    Thread.sleep(500);
                    picky.assertAlive(10);
                    assertFalse(picky.received.contains("inv"), picky.received.toString());
                }
            }
        });
    }
}

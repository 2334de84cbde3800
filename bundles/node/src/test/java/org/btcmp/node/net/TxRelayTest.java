package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.btcmp.node.chain.TestKey;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transaction relay between our nodes and to raw peers: wtxid announcements, feefilter, orphans, mining. */
class TxRelayTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TestKey KEY = new TestKey("relay");

    @TempDir
    Path temp;

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Mines 100 + {@code spendable} blocks to the key, so that many coinbases are mature. */
    private static void fund(SyncNode node, int spendable) throws Exception {
        for (int i = 0; i < 100 + spendable; i++) {
            node.miner.generate(KEY.script, List.of());
        }
    }

    /** Spends the coinbase at {@code height} back to the key, paying {@code fee}. */
    private static Transaction spendCoinbase(SyncNode node, int height, long fee) throws Exception {
        Block b = node.chain.readBlock(node.chain.atHeight(height));
        long value = b.transactions().get(0).outputs().get(0).value();
        return KEY.spend(new OutPoint(b.transactions().get(0).txid(), 0), value, value - fee, KEY.script);
    }

    @Test
    void transactionsCrossBetweenTwoNodesInBothDirectionsAndAreMined() {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            try (SyncNode a = new SyncNode(temp.resolve("a")); SyncNode b = new SyncNode(temp.resolve("b"))) {
                fund(a, 2);
                Peer toA = b.net.connect(a.listen(), ConnectionType.MANUAL);
                assertTrue(toA.awaitHandshake(WAIT));
                await(() -> b.chain.height() == 102, "B to sync");
                assertTrue(toA.features().wtxidRelay(), "both sides negotiated wtxidrelay");

                Transaction fromA = spendCoinbase(a, 1, 10_000);
                a.mempool.accept(fromA, false);
                await(() -> b.mempool.contains(fromA.txid()), "A's transaction in B's mempool");
                Transaction fromB = spendCoinbase(b, 2, 20_000);
                b.mempool.accept(fromB, false);
                await(() -> a.mempool.contains(fromB.txid()), "B's transaction in A's mempool");
                assertTrue(toA.bytesReceivedPerMessage().containsKey("tx"));
                assertTrue(toA.bytesSentPerMessage().containsKey("getdata"));

                b.miner.generate(SyncNode.PAYOUT, null);
                await(() -> a.chain.height() == 103, "B's block at A");
                assertEquals(3, a.chain.readBlock(a.chain.tip()).transactions().size(), "both mined");
                assertEquals(0, a.mempool.size());
                assertEquals(0, b.mempool.size());
            }
            assertEquals(List.of(), NetThreads.alive());
        });
    }

    @Test
    void announcementsUseWtxidOrTxidAsNegotiatedAndHonourTheFeeFilter() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (SyncNode a = new SyncNode(temp.resolve("a"))) {
                fund(a, 1);
                var listening = a.listen();
                try (RawPeer wtxid = new RawPeer(listening); RawPeer txid = new RawPeer(listening);
                        RawPeer picky = new RawPeer(listening)) {
                    wtxid.handshakeWtxid();
                    txid.handshake();
                    picky.handshakeWtxid();
                    // 10 000 sat for ~110 vbytes is ~90 000 sat/kvB: below a 100 000 sat/kvB filter.
                    picky.send(new FeeFilterMessage(100_000));
                    picky.assertAlive(7);
                    await(() -> a.net.peers().stream().anyMatch(p -> p.features().feeFilter() == 100_000),
                            "the fee filter to be recorded");

                    Transaction tx = spendCoinbase(a, 1, 10_000);
                    a.mempool.accept(tx, false);
                    InventoryMessage byWtxid = (InventoryMessage) wtxid.expect(InventoryMessage.INV);
                    assertEquals(List.of(new InvVector(InvVector.MSG_WTX, Hashes.of(tx.wtxid()))), byWtxid.entries());
                    InventoryMessage byTxid = (InventoryMessage) txid.expect(InventoryMessage.INV);
                    assertEquals(List.of(new InvVector(InvVector.MSG_TX, Hashes.of(tx.txid()))), byTxid.entries());

                    wtxid.send(new InventoryMessage(InventoryMessage.GETDATA, byWtxid.entries()));
                    RawMessage served = (RawMessage) wtxid.expect(RawMessage.TX);
                    assertEquals(Bytes.wrap(tx.toBytes()), served.payload(), "served with its witness");

                    Thread.sleep(1000); // ten of the test's mean trickle intervals
                    picky.assertAlive(8);
                    assertFalse(picky.received.contains("inv"), "below the peer's fee filter: " + picky.received);
                }
            }
            assertEquals(List.of(), NetThreads.alive());
        });
    }

    @Test
    void anOrphanWaitsForItsParentWhichIsRequestedFromTheSender() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (SyncNode a = new SyncNode(temp.resolve("a"))) {
                fund(a, 1);
                Transaction parent = spendCoinbase(a, 1, 10_000);
                long value = parent.outputs().get(0).value();
                Transaction child = KEY.spend(new OutPoint(parent.txid(), 0), value, value - 10_000, KEY.script);
                try (RawPeer peer = new RawPeer(a.listen())) {
                    peer.handshakeWtxid();
                    peer.send(new RawMessage(RawMessage.TX, Bytes.wrap(child.toBytes())));
                    InventoryMessage ask = (InventoryMessage) peer.expect(InventoryMessage.GETDATA);
                    assertEquals(List.of(new InvVector(InvVector.MSG_TX | InvVector.MSG_WITNESS_FLAG,
                            Hashes.of(parent.txid()))), ask.entries(), "the missing parent, by txid");
                    assertEquals(1, a.relay.orphanCount());
                    assertFalse(a.mempool.contains(child.txid()));

                    peer.send(new RawMessage(RawMessage.TX, Bytes.wrap(parent.toBytes())));
                    await(() -> a.mempool.contains(child.txid()) && a.mempool.contains(parent.txid()),
                            "parent and child in the mempool");
                    assertEquals(0, a.relay.orphanCount());
                    peer.assertAlive(3);
                }
            }
        });
    }

    @Test
    void anUndecodableTransactionIsDroppedAndARejectedOneNotFetchedAgain() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (SyncNode a = new SyncNode(temp.resolve("a"))) {
                fund(a, 1);
                try (RawPeer peer = new RawPeer(a.listen())) {
                    peer.handshakeWtxid();
                    peer.send(new RawMessage(RawMessage.TX, Bytes.wrap(new byte[] {1, 0, 0, 0, (byte) 0xfd})));
                    // Below the minimum relay fee: a policy rejection, which costs the peer nothing.
                    Transaction cheap = spendCoinbase(a, 1, 0);
                    peer.send(new RawMessage(RawMessage.TX, Bytes.wrap(cheap.toBytes())));
                    peer.assertAlive(4);
                    assertEquals(0, a.mempool.size());
                    peer.send(new InventoryMessage(InventoryMessage.INV,
                            List.of(new InvVector(InvVector.MSG_WTX, Hashes.of(cheap.wtxid())))));
                    peer.assertAlive(5);
                    assertFalse(peer.received.contains("getdata"), peer.received.toString());
                }
            }
        });
    }

    @Test
    void aTransactionBreakingConsensusRulesIsRejectedButCostsItsSenderNothing() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (SyncNode a = new SyncNode(temp.resolve("a"))) {
                fund(a, 1);
                try (RawPeer peer = new RawPeer(a.listen())) {
                    peer.handshakeWtxid();
                    Transaction tooMuch = spendCoinbase(a, 1, -1); // one satoshi out of nothing
                    peer.send(new RawMessage(RawMessage.TX, Bytes.wrap(tooMuch.toBytes())));
                    // Core v30+ (PR 33050): bad-txns-in-belowout no longer gets the sender discouraged.
                    peer.assertAlive(6);
                    assertEquals(0, a.mempool.size());
                    assertEquals(1, a.net.peers().size());
                }
            }
        });
    }
}

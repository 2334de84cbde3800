package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.btcmp.node.chain.Miner;
import org.btcmp.node.chain.TestKey;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts that fail, as Core v31's net_processing punishes them: a block whose scripts fail is misbehaviour
 * (BLOCK_CONSENSUS) when sent whole, but not when it came as a compact block (BIP152: the sender relays before full
 * validation); a block already known invalid counts only against outbound peers; a transaction never costs its
 * sender anything (PR 33050). Loopback is local to Core, so misbehaviour disconnects without discouraging.
 */
class InvalidScriptPunishmentTest {
    private static final TestKey KEY = new TestKey("scripts");
    private static final TestKey THIEF = new TestKey("thief");

    @TempDir
    Path temp;

    /** Mines 101 blocks to KEY and builds a spend of the first coinbase signed by the wrong key. */
    private static Transaction fundAndForge(SyncNode node) throws Exception {
        for (int i = 0; i < 101; i++) {
            node.miner.generate(KEY.script, List.of());
        }
        Block first = node.chain.readBlock(node.chain.atHeight(1));
        Transaction coinbase = first.transactions().get(0);
        long value = coinbase.outputs().get(0).value();
        return THIEF.spend(new OutPoint(coinbase.txid(), 0), value, value - 10_000, THIEF.script);
    }

    @Test
    void aBlockWithAFailingScriptDisconnectsItsSenderAndIsKnownInvalidAfterwards() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (SyncNode ours = new SyncNode(temp.resolve("ours"))) {
                Transaction forged = fundAndForge(ours);
                String tip = ours.tip();
                Block bad = Miner.solve(ours.miner.template(KEY.script, List.of(forged)));
                try (RawPeer peer = new RawPeer(ours.listen())) {
                    peer.handshakeWtxid();
                    peer.send(new RawMessage(RawMessage.BLOCK, Bytes.wrap(bad.toBytes())));
                    assertTrue(peer.closedByRemote(), "an invalid block is misbehaviour");
                }
                assertEquals(tip, ours.tip());
                assertTrue(ours.chain.isInvalid(bad.hash()));
                assertTrue(ours.chain.failureReason(bad.hash()).contains("script-verify-flag-failed"),
                        ours.chain.failureReason(bad.hash()));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (ours.disconnects.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20); // the listener hears of the close after the socket is shut
                }
                assertEquals(Disconnect.Kind.MISBEHAVIOUR, ours.disconnects.get(0).kind());
                // The same block again from an inbound peer: Core's BLOCK_CACHED_INVALID spares inbound peers.
                try (RawPeer again = new RawPeer(ours.listen())) {
                    again.handshakeWtxid();
                    again.send(new RawMessage(RawMessage.BLOCK, Bytes.wrap(bad.toBytes())));
                    again.assertAlive(7);
                }
            }
        });
    }

    @Test
    void theSameBlockAsACompactBlockIsRefusedButCostsTheSenderNothing() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (SyncNode ours = new SyncNode(temp.resolve("ours"))) {
                Transaction forged = fundAndForge(ours);
                String tip = ours.tip();
                Block bad = Miner.solve(ours.miner.template(KEY.script, List.of(forged)));
                try (RawPeer peer = new RawPeer(ours.listen())) {
                    peer.handshakeWtxid();
                    peer.send(new RawMessage(CompactBlock.COMMAND, Bytes.wrap(new CompactBlock(bad.header(), 1,
                            List.of(), List.of(new CompactBlock.Prefilled(0, bad.transactions().get(0)),
                                    new CompactBlock.Prefilled(1, forged))).encode())));
                    peer.assertAlive(3);
                    assertTrue(ours.chain.isInvalid(bad.hash()), "the block was rebuilt and refused");
                    assertEquals(tip, ours.tip());
                    assertEquals(1, ours.net.peers().size());
                }
            }
        });
    }

    @Test
    void aTransactionWithAFailingScriptIsRejectedNotFetchedAgainAndCostsItsSenderNothing() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (SyncNode ours = new SyncNode(temp.resolve("ours"))) {
                Transaction forged = fundAndForge(ours);
                try (RawPeer peer = new RawPeer(ours.listen())) {
                    peer.handshakeWtxid();
                    peer.send(new RawMessage(RawMessage.TX, Bytes.wrap(forged.toBytes())));
                    peer.assertAlive(4);
                    assertEquals(0, ours.mempool.size());
                    peer.send(new InventoryMessage(InventoryMessage.INV,
                            List.of(new InvVector(InvVector.MSG_WTX, Hashes.of(forged.wtxid())))));
                    peer.assertAlive(5);
                    assertFalse(peer.received.contains("getdata"), "a rejected transaction is not fetched again: "
                            + peer.received);
                    assertEquals(1, ours.net.peers().size());
                }
            }
        });
    }
}

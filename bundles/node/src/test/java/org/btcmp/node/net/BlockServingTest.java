package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.Hash256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What our node serves a peer that syncs from it: headers, getblocks batches with Core's continuation, blocks. */
class BlockServingTest {
    private static final Bytes ZERO = Bytes.copyOf(new byte[32]);

    @TempDir
    Path temp;

    private static Bytes hash(SyncNode node, int height) {
        return Hashes.of(node.chain.atHeight(height).hash());
    }

    @Test
    void headersUpToTheStopHashGetblocksInBatchesOf500ThenAnInvOfTheTip() {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            try (SyncNode node = new SyncNode(temp.resolve("node"))) {
                node.mine(502);
                try (RawPeer peer = new RawPeer(node.listen())) {
                    peer.handshake();
                    Bytes genesis = Hashes.of(node.chain.atHeight(0).hash());

                    peer.send(new LocatorMessage(LocatorMessage.GETHEADERS, 70016, List.of(genesis), ZERO));
                    HeadersMessage all = (HeadersMessage) peer.expect(HeadersMessage.COMMAND);
                    assertEquals(502, all.headers().size());
                    peer.send(new LocatorMessage(LocatorMessage.GETHEADERS, 70016, List.of(hash(node, 5)),
                            hash(node, 10)));
                    HeadersMessage some = (HeadersMessage) peer.expect(HeadersMessage.COMMAND);
                    assertEquals(5, some.headers().size(), "blocks 6 to 10, stopping at the stop hash");
                    byte[] first = some.headers().get(0).toByteArray();
                    assertEquals(hash(node, 6), Bytes.wrap(Sha256d.hash(first, 0, first.length)));

                    peer.send(new LocatorMessage(LocatorMessage.GETBLOCKS, 70016, List.of(genesis), ZERO));
                    InventoryMessage batch = (InventoryMessage) peer.expect(InventoryMessage.INV);
                    assertEquals(500, batch.entries().size());
                    assertEquals(new InvVector(InvVector.MSG_BLOCK, hash(node, 500)), batch.entries().get(499));

                    peer.send(new InventoryMessage(InventoryMessage.GETDATA,
                            List.of(new InvVector(InvVector.MSG_BLOCK | InvVector.MSG_WITNESS_FLAG, hash(node, 500)))));
                    RawMessage block = (RawMessage) peer.expect(RawMessage.BLOCK);
                    assertEquals(node.chain.atHeight(500).hash(), Block.fromBytes(block.payload().toByteArray()).hash());
                    InventoryMessage tip = (InventoryMessage) peer.expect(InventoryMessage.INV);
                    assertEquals(List.of(new InvVector(InvVector.MSG_BLOCK, hash(node, 502))), tip.entries(),
                            "fetching the last block of a full batch brings an inv of the tip (Core's hashContinue)");

                    peer.send(new InventoryMessage(InventoryMessage.GETDATA, List.of(
                            new InvVector(InvVector.MSG_TX, ZERO),
                            new InvVector(InvVector.MSG_BLOCK, Hashes.of(Hash256.wrap(new byte[32]))))));
                    InventoryMessage notFound = (InventoryMessage) peer.expect(InventoryMessage.NOTFOUND);
                    assertEquals(List.of(new InvVector(InvVector.MSG_TX, ZERO)), notFound.entries(),
                            "unknown transactions are notfound; unknown blocks are ignored, as Core does");
                    peer.assertAlive(5);
                }
            }
        });
    }
}

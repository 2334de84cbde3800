package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.btcmp.common.args.ChainType;
import org.btcmp.node.chain.Miner;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.BlockHeader;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.MerkleTree;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headers-first, as Core: blocks are fetched only along a chain with at least our tip's work, and headers in a
 * bounded window: a peer with a chain longer than the header window gets its headers asked for one getheaders
 * answer at a time as blocks connect, so the headers held stay within the window plus one answer however long the
 * chain is. The peer is a raw peer serving a chain built here without storage.
 */
class HeaderWindowTest {
    private static final int CHAIN = 4_100;
    private static final int WINDOW = ProtocolLimits.MAX_HEADERS;

    @TempDir
    Path temp;

    /** Coinbase-only regtest blocks on the genesis block, times ten minutes apart. */
    static List<Block> chain(int length) {
        ChainParams params = ChainParams.of(ChainType.REGTEST);
        List<Block> out = new ArrayList<>();
        Hash256 prev = params.genesisHash();
        long time = 1_296_688_602L;
        for (int h = 1; h <= length; h++) {
            Transaction coinbase = new Transaction(2, List.of(new TxIn(OutPoint.NULL,
                    new ScriptBuilder().number(h).op(0).build(), 0xffffffffL)),
                    List.of(new TxOut(0, Script.of(new byte[] {0x51}))), 0);
            time += 600;
            BlockHeader header = new BlockHeader(0x20000000, prev, MerkleTree.ofTxids(List.of(coinbase)).hash(), time,
                    0x207fffffL, 0);
            Block b = Miner.solve(new Block(header, List.of(coinbase)));
            out.add(b);
            prev = b.hash();
        }
        return out;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aLongChainsHeadersComeInOneWindowAtATimeAsBlocksConnect() {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            List<Block> blocks = chain(CHAIN);
            Map<Hash256, Integer> heightOf = new HashMap<>();
            for (int i = 0; i < blocks.size(); i++) {
                heightOf.put(blocks.get(i).hash(), i + 1);
            }
            BlockSync.Download download = new BlockSync.Download(1024, Duration.ofSeconds(2), Duration.ofMinutes(10),
                    WINDOW);
            try (SyncNode ours = new SyncNode(temp.resolve("ours"), download);
                    RawPeer peer = new RawPeer(ours.listen())) {
                peer.handshake();
                List<Integer> getheadersFrom = new CopyOnWriteArrayList<>();
                AtomicBoolean serveBlocks = new AtomicBoolean();
                AtomicInteger maxHeld = new AtomicInteger();
                List<InvVector> held = new CopyOnWriteArrayList<>();
                Thread server = new Thread(() -> {
                    try {
                        Frame f;
                        while ((f = peer.read()) != null) {
                            maxHeld.accumulateAndGet(ours.sync.headersHeld(), Math::max);
                            Message m = MessageCodec.decode(f.command(), f.payload());
                            if (m instanceof PingMessage ping) {
                                peer.send(new PongMessage(ping.nonce()));
                            } else if (m instanceof LocatorMessage l && l.command().equals(LocatorMessage.GETHEADERS)) {
                                // The first locator entry we built is where the asker's knowledge ends.
                                int from = 0;
                                for (Bytes h : l.locator()) {
                                    Integer height = heightOf.get(Hashes.of(h));
                                    if (height != null) {
                                        from = height;
                                        break;
                                    }
                                }
                                getheadersFrom.add(from);
                                List<Bytes> answer = new ArrayList<>();
                                for (int i = from; i < Math.min(CHAIN, from + ProtocolLimits.MAX_HEADERS); i++) {
                                    answer.add(Bytes.wrap(blocks.get(i).header().toBytes()));
                                }
                                peer.send(new HeadersMessage(answer));
                            } else if (m instanceof InventoryMessage inv && inv.command().equals("getdata")) {
                                held.addAll(inv.entries());
                            }
                            if (serveBlocks.get()) {
                                for (InvVector e : held) {
                                    peer.send(new RawMessage(RawMessage.BLOCK,
                                            Bytes.wrap(blocks.get(heightOf.get(Hashes.of(e.hash())) - 1).toBytes())));
                                }
                                held.clear();
                            }
                        }
                    } catch (Exception e) {
                        // the connection closed at the end of the test
                    }
                }, "test-header-server");
                server.start();

                await(() -> ours.sync.headersHeld() == WINDOW, "the first getheaders answer");
                Thread.sleep(1_000);
                assertEquals(List.of(0), getheadersFrom,
                        "a full window: no further getheaders while no block connects");
                assertEquals(WINDOW, ours.sync.headersHeld());

                serveBlocks.set(true);
                peer.send(new PingMessage(1)); // wakes the server loop to serve what was asked for
                await(() -> getheadersFrom.size() >= 2, "the header chase to resume as blocks connect");
                assertEquals(WINDOW, getheadersFrom.get(1), "it resumes after the last header it holds");
                await(() -> ours.chain.height() >= 50, "blocks to keep connecting");
                assertEquals(2, getheadersFrom.size(), "paused again: the second answer filled the window");
                assertTrue(maxHeld.get() <= WINDOW + ProtocolLimits.MAX_HEADERS, "held at most " + maxHeld.get());
                assertTrue(ours.sync.headersHeld() <= WINDOW + ProtocolLimits.MAX_HEADERS);
                assertTrue(ours.sync.headersHeld() > WINDOW, "the second answer's headers are held");
            }
        });
    }

    @Test
    void blocksOfAChainWithLessWorkThanOursAreNotFetchedThoseOfAHeavierOneAre() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            List<Block> fork = chain(12);
            try (SyncNode ours = new SyncNode(temp.resolve("ours"));
                    RawPeer peer = new RawPeer(ours.listen())) {
                ours.mine(8);
                peer.handshake();
                List<Bytes> light = new ArrayList<>();
                for (Block b : fork.subList(0, 5)) {
                    light.add(Bytes.wrap(b.header().toBytes()));
                }
                peer.send(new HeadersMessage(light));
                peer.assertAlive(1);
                Thread.sleep(300);
                peer.assertAlive(2);
                assertTrue(!peer.received.contains("getdata"),
                        "a 5-block fork is lighter than our 8: " + peer.received);
                List<Bytes> heavy = new ArrayList<>();
                for (Block b : fork.subList(5, 12)) {
                    heavy.add(Bytes.wrap(b.header().toBytes()));
                }
                peer.send(new HeadersMessage(heavy));
                InventoryMessage getdata = (InventoryMessage) peer.expect(InventoryMessage.GETDATA);
                assertEquals(Hashes.of(fork.get(0).hash()), getdata.entries().get(0).hash(),
                        "the 12-block fork is heavier: its blocks are fetched from the fork point");
            }
        });
    }
}

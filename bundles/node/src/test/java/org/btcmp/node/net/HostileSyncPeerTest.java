package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.btcmp.node.chain.Miner;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.BlockHeader;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid blocks and headers from a peer, one row per case naming Core's outcome; afterwards our node still
 * syncs from an honest peer. Loopback is local to Core, so misbehaviour disconnects without discouraging.
 */
class HostileSyncPeerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Sends hostile data built from the honest node's valid chain. */
    interface Script {
        void run(RawPeer peer, SyncNode honest) throws Exception;
    }

    record Case(String name, Script script, HostilePeerTest.Outcome outcome) {
        @Override
        public String toString() {
            return name;
        }
    }

    @TempDir
    Path temp;

    private static Block block(SyncNode node, int height) throws Exception {
        return node.chain.readBlock(node.chain.atHeight(height));
    }

    private static Bytes header(BlockHeader h) {
        return Bytes.wrap(h.toBytes());
    }

    /** The header with the first nonce whose hash misses the target. */
    private static BlockHeader failingProofOfWork(BlockHeader h) {
        var target = BlockHeader.targetFromBits(h.bits());
        for (long nonce = 0; ; nonce++) {
            BlockHeader c = h.withNonce(nonce);
            if (c.hash().toBigInteger().compareTo(target) > 0) {
                return c;
            }
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("block with a wrong merkle root (valid proof of work)", (p, honest) -> {
                    Block good = block(honest, 1);
                    BlockHeader h = good.header();
                    Block bad = Miner.solve(new Block(new BlockHeader(h.version(), h.prevBlock(), Hash256.ZERO,
                            h.time(), h.bits(), 0), good.transactions()));
                    p.send(new RawMessage(RawMessage.BLOCK, Bytes.wrap(bad.toBytes())));
                }, HostilePeerTest.Outcome.DISCOURAGED),
                new Case("header with insufficient proof of work", (p, honest) -> p.send(new HeadersMessage(
                        List.of(header(failingProofOfWork(block(honest, 1).header()))))),
                        HostilePeerTest.Outcome.DISCOURAGED),
                new Case("non-continuous headers", (p, honest) -> p.send(new HeadersMessage(
                        List.of(header(block(honest, 1).header()), header(block(honest, 3).header())))),
                        HostilePeerTest.Outcome.DISCOURAGED),
                new Case("headers that do not connect (answered with getheaders)", (p, honest) -> {
                    p.send(new HeadersMessage(List.of(header(block(honest, 3).header()))));
                    p.expect(LocatorMessage.GETHEADERS);
                }, HostilePeerTest.Outcome.IGNORED),
                new Case("undecodable block", (p, honest) -> p.send(new RawMessage(RawMessage.BLOCK,
                        Bytes.fromHex("0100"))), HostilePeerTest.Outcome.IGNORED),
                new Case("undecodable transaction", (p, honest) -> p.send(new RawMessage(RawMessage.TX,
                        Bytes.fromHex("01000000fd"))), HostilePeerTest.Outcome.IGNORED),
                new Case("transaction without outputs (bad-txns-vout-empty)", (p, honest) -> p.send(
                        new RawMessage(RawMessage.TX, Bytes.wrap(new Transaction(2, List.of(new TxIn(
                                new OutPoint(block(honest, 1).hash(), 0),
                                org.btcmp.primitives.Script.EMPTY, 0)), List.of(), 0).toBytes()))),
                        HostilePeerTest.Outcome.IGNORED), // Core v30+ punishes no transaction (PR 33050)
                new Case("orphan transaction (its parent is asked for)", (p, honest) -> {
                    Transaction orphan = new Transaction(2, List.of(new TxIn(new OutPoint(block(honest, 1).hash(), 0),
                            org.btcmp.primitives.Script.EMPTY, 0)), List.of(new TxOut(1000,
                            org.btcmp.primitives.ScriptBuilder.witness(0, new byte[20]))), 0);
                    p.send(new RawMessage(RawMessage.TX, Bytes.wrap(orphan.toBytes())));
                    p.expect(InventoryMessage.GETDATA);
                }, HostilePeerTest.Outcome.IGNORED),
                new Case("getdata for an unknown transaction (answered with notfound)", (p, honest) -> {
                    p.send(new InventoryMessage(InventoryMessage.GETDATA,
                            List.of(new InvVector(InvVector.MSG_WTX, Bytes.copyOf(new byte[32])))));
                    p.expect(InventoryMessage.NOTFOUND);
                }, HostilePeerTest.Outcome.IGNORED),
                new Case("undecodable cmpctblock", (p, honest) -> p.send(new RawMessage(CompactBlock.COMMAND,
                        Bytes.fromHex("00"))), HostilePeerTest.Outcome.IGNORED),
                new Case("cmpctblock with insufficient proof of work", (p, honest) -> {
                    Block good = block(honest, 1);
                    p.send(new RawMessage(CompactBlock.COMMAND, Bytes.wrap(new CompactBlock(
                            failingProofOfWork(good.header()), 1, List.of(), List.of(new CompactBlock.Prefilled(0,
                                    good.transactions().get(0)))).encode())));
                }, HostilePeerTest.Outcome.DISCOURAGED),
                new Case("getblocktxn for an index past the block's transactions", (p, honest) -> {
                    Hash256 genesis = org.btcmp.primitives.ChainParams.of(org.btcmp.common.args.ChainType.REGTEST).genesis().hash();
                    p.send(new RawMessage(GetBlockTxn.COMMAND, Bytes.wrap(new GetBlockTxn(genesis, List.of(5))
                            .encode())));
                }, HostilePeerTest.Outcome.DISCOURAGED),
                new Case("blocktxn nobody asked for", (p, honest) -> p.send(new RawMessage(BlockTxn.COMMAND,
                        Bytes.wrap(new BlockTxn(block(honest, 1).hash(), block(honest, 1).transactions()).encode()))),
                        HostilePeerTest.Outcome.IGNORED),
                new Case("inv of transactions by txid from a wtxid-relay peer (ignored, not fetched)", (p, honest) -> {
                    p.send(new InventoryMessage(InventoryMessage.INV,
                            List.of(new InvVector(InvVector.MSG_TX, Bytes.copyOf(new byte[32])))));
                    p.assertAlive(5);
                    if (p.received.contains("getdata")) {
                        throw new AssertionError("a txid announcement was fetched: " + p.received);
                    }
                }, HostilePeerTest.Outcome.IGNORED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void coresOutcomeThenAnHonestPeerStillSyncsUs(Case c) {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (SyncNode ours = new SyncNode(temp.resolve("ours")); SyncNode honest = new SyncNode(temp.resolve("honest"))) {
                List<String> chain = honest.mine(5);
                try (RawPeer hostile = new RawPeer(ours.listen())) {
                    hostile.handshakeWtxid();
                    c.script().run(hostile, honest);
                    if (c.outcome() == HostilePeerTest.Outcome.IGNORED) {
                        hostile.assertAlive(99);
                        assertEquals(1, ours.net.peers().size());
                    } else {
                        assertTrue(hostile.closedByRemote(), "the node closes the connection");
                        long deadline = System.nanoTime() + WAIT.toNanos();
                        while (!ours.net.peers().isEmpty() && System.nanoTime() < deadline) {
                            Thread.sleep(20);
                        }
                        assertTrue(ours.net.peers().isEmpty());
                        assertFalse(ours.net.discouraged().contains(InetAddress.getLoopbackAddress()));
                    }
                }
                assertEquals(0, ours.chain.height(), "nothing hostile reached the chain");
                ours.net.connect(honest.listen(), ConnectionType.MANUAL);
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (!ours.tip().equals(chain.get(4)) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(chain.get(4), ours.tip(), "sync with the honest peer completes");
            }
            assertEquals(List.of(), NetThreads.alive());
        });
    }
}

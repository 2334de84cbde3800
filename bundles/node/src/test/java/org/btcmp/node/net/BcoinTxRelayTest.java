package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.btcmp.node.chain.TestKey;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.Hex;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.junit.jupiter.api.Test;

/** Transaction relay with bcoin 1.0.2: a transaction sent to either node reaches the other's mempool and is mined. */
class BcoinTxRelayTest extends BcoinFixture {
    private static final TestKey KEY = new TestKey("bcoin-relay");

    /**
     * bcoin mines to segwit activation, our node syncs it over a manual connection, then mines 102 blocks paying
     * {@code KEY} (two spendable coinbases) and waits for bcoin to have them; returns the connection.
     */
    private Peer connectAndFund() throws Exception {
        startBcoin();
        bcoin.generate(BCOIN_SEGWIT_HEIGHT);
        Peer peer = ours.net.connect(bcoinAddress(), ConnectionType.MANUAL);
        assertTrue(peer.awaitHandshake(WAIT));
        await(() -> ours.chain.height() == BCOIN_SEGWIT_HEIGHT, "our node to sync bcoin's chain");
        for (int i = 0; i < 102; i++) {
            ours.miner.generate(KEY.script, List.of());
        }
        String funded = ours.tip();
        await(() -> bcoin.bestBlockHash().equals(funded), "bcoin to sync our funding blocks");
        return peer;
    }

    private Transaction spendCoinbase(int height) throws Exception {
        Block b = ours.chain.readBlock(ours.chain.atHeight(height));
        long value = b.transactions().get(0).outputs().get(0).value();
        return KEY.spend(new OutPoint(b.transactions().get(0).txid(), 0), value, value - 20_000, KEY.script);
    }

    @Test
    void transactionsSentToEitherNodeReachTheOtherAndAreMined() {
        assertTimeoutPreemptively(Duration.ofMinutes(6), () -> {
            connectAndFund();

            Transaction ourTx = spendCoinbase(BCOIN_SEGWIT_HEIGHT + 1);
            ours.mempool.accept(ourTx, false);
            String ourTxid = ourTx.txid().toString();
            await(() -> bcoin.rpc("getrawmempool").contains(ourTxid), "our transaction in bcoin's mempool");

            Transaction theirs = spendCoinbase(BCOIN_SEGWIT_HEIGHT + 2);
            bcoin.rpc("sendrawtransaction", "\"" + Hex.encode(theirs.toBytes()) + "\"");
            await(() -> ours.mempool.contains(theirs.txid()), "the transaction sent to bcoin in our mempool");

            String mined = bcoin.generate(1).get(0);
            await(() -> mined.equals(ours.tip()), "bcoin's block at our node");
            Block block = ours.chain.readBlock(ours.chain.tip());
            List<String> txids = block.transactions().stream().map(t -> t.txid().toString()).toList();
            assertTrue(txids.contains(ourTxid) && txids.contains(theirs.txid().toString()), txids.toString());
            assertEquals(0, ours.mempool.size());
            assertEquals("[]", bcoin.rpc("getrawmempool").replaceAll("\\s", ""));
        });
    }

    /**
     * BIP152 with bcoin: a block whose transactions the receiver already has travels as a cmpctblock both ways, and
     * no full block message is needed. Counted from the per-message byte totals of our side of the connection.
     */
    @Test
    void newBlocksTravelAsCompactBlocksInBothDirections() {
        assertTimeoutPreemptively(Duration.ofMinutes(6), () -> {
            Peer peer = connectAndFund();
            assertEquals(PeerProtocol.COMPACT_BLOCKS_VERSION, peer.features().compactBlocksVersion(),
                    "bcoin announced version 2 compact blocks");

            // bcoin mines a block holding a transaction we have: it reaches us as a cmpctblock.
            Transaction first = spendCoinbase(BCOIN_SEGWIT_HEIGHT + 1);
            ours.mempool.accept(first, false);
            await(() -> bcoin.rpc("getrawmempool").contains(first.txid().toString()), "the first tx at bcoin");
            long blockBytesIn = peer.bytesReceivedPerMessage().getOrDefault("block", 0L);
            long compactBytesIn = peer.bytesReceivedPerMessage().getOrDefault("cmpctblock", 0L);
            String theirs = bcoin.generate(1).get(0);
            await(() -> theirs.equals(ours.tip()), "bcoin's block at our node");
            assertTrue(peer.bytesReceivedPerMessage().getOrDefault("cmpctblock", 0L) > compactBytesIn,
                    "received per message: " + peer.bytesReceivedPerMessage());
            assertEquals(blockBytesIn, peer.bytesReceivedPerMessage().getOrDefault("block", 0L),
                    "no full block was needed");

            // We mine a block holding a transaction bcoin has: bcoin fetches it as a cmpctblock.
            Transaction second = spendCoinbase(BCOIN_SEGWIT_HEIGHT + 2);
            ours.mempool.accept(second, false);
            await(() -> bcoin.rpc("getrawmempool").contains(second.txid().toString()), "the second tx at bcoin");
            long blockBytesOut = peer.bytesSentPerMessage().getOrDefault("block", 0L);
            long compactBytesOut = peer.bytesSentPerMessage().getOrDefault("cmpctblock", 0L);
            ours.miner.generate(KEY.script, null);
            String ourBlock = ours.tip();
            assertTrue(ours.chain.readBlock(ours.chain.tip()).transactions().stream()
                    .anyMatch(t -> t.txid().equals(second.txid())));
            await(() -> bcoin.bestBlockHash().equals(ourBlock), "bcoin to take our block");
            assertTrue(peer.bytesSentPerMessage().getOrDefault("cmpctblock", 0L) > compactBytesOut,
                    "sent per message: " + peer.bytesSentPerMessage());
            assertEquals(blockBytesOut, peer.bytesSentPerMessage().getOrDefault("block", 0L),
                    "no full block was needed");
            assertEquals("[]", bcoin.rpc("getrawmempool").replaceAll("\\s", ""));
        });
    }
}

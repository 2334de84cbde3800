package org.btcmp.node.net;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.btcmp.node.chain.BlockIndex;
import org.btcmp.node.chain.ChainListener;
import org.btcmp.node.chain.ChainState;
import org.btcmp.node.chain.Mempool;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.BlockHeader;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.MerkleTree;
import org.btcmp.primitives.Transaction;

/**
 * BIP152 compact block relay (version 2): new tips go out as cmpctblock at once to peers that asked for high
 * bandwidth mode; a received cmpctblock is rebuilt from the mempool, the missing transactions fetched with
 * getblocktxn, and the block handed to {@link BlockSync}. A peer that gave us a block this way is asked for high
 * bandwidth announcements (at most {@value #MAX_HIGH_BANDWIDTH_PEERS}), as Core does.
 */
public final class CompactBlocks implements PeerListener, ChainListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CompactBlocks.class.getName());
    /** Core asks at most three peers for high bandwidth mode. */
    static final int MAX_HIGH_BANDWIDTH_PEERS = 3;
    /** Core's MAX_BLOCKTXN_DEPTH: deeper blocks are answered whole. */
    static final int MAX_BLOCKTXN_DEPTH = 10;

    /** A block being rebuilt: its transactions so far and the indexes asked for with getblocktxn. */
    private record Partial(BlockHeader header, Transaction[] slots, List<Integer> missing) {
    }

    private final ChainState chain;
    private final Mempool mempool;
    private final BlockSync sync;
    private final Map<Long, Peer> peers = new ConcurrentHashMap<>();
    private final Map<Long, Partial> partials = new ConcurrentHashMap<>();
    private final Set<Long> highBandwidthAsked = ConcurrentHashMap.newKeySet();

    public CompactBlocks(ChainState chain, Mempool mempool, BlockSync sync) {
        this.chain = chain;
        this.mempool = mempool;
        this.sync = sync;
        sync.announceCompactlyTo(CompactBlocks::highBandwidth);
        chain.addListener(this);
    }

    /** Stops announcing; call before closing the chain state. */
    @Override
    public void close() {
        chain.removeListener(this);
    }

    private static boolean highBandwidth(Peer peer) {
        PeerFeatures f = peer.features();
        return f.compactHighBandwidth() && f.compactBlocksVersion() == PeerProtocol.COMPACT_BLOCKS_VERSION;
    }

    @Override
    public void handshakeComplete(Peer peer) {
        peers.put(peer.id(), peer);
    }

    @Override
    public void disconnected(Peer peer, Disconnect reason) {
        peers.remove(peer.id());
        partials.remove(peer.id());
        highBandwidthAsked.remove(peer.id());
    }

    @Override
    public void message(Peer peer, Message message) {
        if (!(message instanceof RawMessage r) || !peers.containsKey(peer.id())) {
            return;
        }
        try {
            switch (r.command()) {
                case CompactBlock.COMMAND -> onCompactBlock(peer, CompactBlock.decode(r.payload().toByteArray()));
                case BlockTxn.COMMAND -> onBlockTxn(peer, BlockTxn.decode(r.payload().toByteArray()));
                case GetBlockTxn.COMMAND -> onGetBlockTxn(peer, GetBlockTxn.decode(r.payload().toByteArray()));
                default -> {
                    // not ours
                }
            }
        } catch (MalformedMessageException e) {
            // Core drops a message that fails to deserialize and keeps the peer.
            LOG.log(Level.DEBUG, "{0}: {1}", peer, e.getMessage());
        }
    }

    private void onCompactBlock(Peer peer, CompactBlock c) {
        Hash256 hash = c.header().hash();
        if (chain.lookup(hash) != null) {
            return;
        }
        if (hash.toBigInteger().compareTo(BlockHeader.targetFromBits(c.header().bits())) > 0) {
            peer.misbehaving("cmpctblock " + hash + ": proof of work failed (high-hash)");
            return;
        }
        if (chain.lookup(c.header().prevBlock()) == null) {
            // Core: a compact block that does not connect is answered with getheaders.
            peer.send(new LocatorMessage(LocatorMessage.GETHEADERS, ProtocolLimits.PROTOCOL_VERSION,
                    BlockLocator.of(chain.tip()), Bytes.copyOf(new byte[32])));
            return;
        }
        int count = c.transactionCount();
        Transaction[] slots = new Transaction[count];
        for (CompactBlock.Prefilled p : c.prefilled()) {
            if (p.index() >= count || slots[p.index()] != null) {
                peer.misbehaving("invalid compact block: prefilled index " + p.index());
                return;
            }
            slots[p.index()] = p.tx();
        }
        long[] key = CompactBlock.key(c.header(), c.nonce());
        Map<Long, Transaction> byShortId = new HashMap<>();
        Set<Long> collisions = new java.util.HashSet<>();
        for (Mempool.Entry e : mempool.entries()) {
            long id = CompactBlock.shortId(key, e.tx());
            if (byShortId.put(id, e.tx()) != null) {
                collisions.add(id);
            }
        }
        List<Integer> missing = new ArrayList<>();
        int next = 0;
        for (long id : c.shortIds()) {
            while (slots[next] != null) {
                next++;
            }
            Transaction tx = collisions.contains(id) ? null : byShortId.get(id);
            if (tx == null) {
                missing.add(next);
            } else {
                slots[next] = tx;
            }
            next++;
        }
        if (missing.isEmpty()) {
            finish(peer, c.header(), slots);
        } else {
            partials.put(peer.id(), new Partial(c.header(), slots, missing));
            peer.send(new RawMessage(GetBlockTxn.COMMAND, Bytes.wrap(new GetBlockTxn(hash, missing).encode())));
        }
    }

    private void onBlockTxn(Peer peer, BlockTxn answer) {
        Partial p = partials.get(peer.id());
        if (p == null || !p.header().hash().equals(answer.block())) {
            LOG.log(Level.DEBUG, "{0}: unrequested blocktxn for {1} ignored", peer, answer.block());
            return;
        }
        partials.remove(peer.id());
        if (answer.transactions().size() != p.missing().size()) {
            peer.misbehaving("invalid compact block/non-matching block transactions");
            return;
        }
        for (int i = 0; i < p.missing().size(); i++) {
            p.slots()[p.missing().get(i)] = answer.transactions().get(i);
        }
        finish(peer, p.header(), p.slots());
    }

    /** A rebuilt block; a short id collision shows as a wrong merkle root, and then the whole block is fetched. */
    private void finish(Peer peer, BlockHeader header, Transaction[] slots) {
        List<Transaction> txs = List.of(slots);
        MerkleTree.Root root = MerkleTree.ofTxids(txs);
        if (!root.hash().equals(header.merkleRoot()) || root.mutated()) {
            LOG.log(Level.DEBUG, "{0}: compact block {1} did not rebuild, fetching it whole", peer, header.hash());
            peer.send(new InventoryMessage(InventoryMessage.GETDATA, List.of(new InvVector(
                    InvVector.MSG_BLOCK | InvVector.MSG_WITNESS_FLAG, Hashes.of(header.hash())))));
            return;
        }
        sync.deliver(peer, new Block(header, txs));
        if (chain.lookup(header.hash()) != null && highBandwidthAsked.size() < MAX_HIGH_BANDWIDTH_PEERS
                && highBandwidthAsked.add(peer.id())) {
            peer.send(new SendCmpctMessage(true, PeerProtocol.COMPACT_BLOCKS_VERSION));
        }
    }

    private void onGetBlockTxn(Peer peer, GetBlockTxn request) {
        BlockIndex b = chain.lookup(request.block());
        if (b == null) {
            return;
        }
        try {
            Block block = chain.readBlock(b);
            if (chain.height() - b.height() >= MAX_BLOCKTXN_DEPTH) {
                peer.send(new RawMessage(RawMessage.BLOCK, Bytes.wrap(block.serialize(true))));
                return;
            }
            List<Transaction> txs = new ArrayList<>();
            for (int i : request.indexes()) {
                if (i >= block.transactions().size()) {
                    peer.misbehaving("getblocktxn with out-of-bounds tx indices");
                    return;
                }
                txs.add(block.transactions().get(i));
            }
            peer.send(new RawMessage(BlockTxn.COMMAND, Bytes.wrap(new BlockTxn(request.block(), txs).encode())));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "reading block " + b.hash() + " for " + peer + " failed", e);
        }
    }

    /** High bandwidth peers hear of a new tip first, as a compact block, before it is even announced. */
    @Override
    public void blockConnected(Block block, BlockIndex index) {
        Peer from = sync.currentSource();
        byte[] compact = null;
        for (Peer peer : peers.values()) {
            if (peer != from && highBandwidth(peer)) {
                if (compact == null) {
                    compact = CompactBlock.of(block, ThreadLocalRandom.current().nextLong()).encode();
                }
                peer.send(new RawMessage(CompactBlock.COMMAND, Bytes.wrap(compact)));
            }
        }
    }

    @Override
    public void blockDisconnected(Block block, BlockIndex index) {
        // nothing to announce
    }
}

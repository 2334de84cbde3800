package org.btcmp.node.net;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.btcmp.node.chain.BlockIndex;
import org.btcmp.node.chain.ChainListener;
import org.btcmp.node.chain.ChainState;
import org.btcmp.node.chain.ValidationException;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.BlockHeader;
import org.btcmp.primitives.Hash256;

/**
 * The block half of Core's net_processing over {@link ChainState}: headers-first download (getheaders, then
 * getdata for the blocks the headers name, at most {@value #MAX_BLOCKS_IN_FLIGHT_PER_PEER} in flight per peer),
 * serving headers and blocks to peers, and announcing new tips by headers (to peers that sent sendheaders) or
 * inv.
 */
public final class BlockSync implements PeerListener, ChainListener {
    private static final System.Logger LOG = System.getLogger(BlockSync.class.getName());
    /** MAX_BLOCKS_IN_TRANSIT_PER_PEER. */
    static final int MAX_BLOCKS_IN_FLIGHT_PER_PEER = 16;
    /** getblocks answers with at most 500 inv entries, as Core. */
    private static final int MAX_GETBLOCKS_RESULTS = 500;

    private final ChainState chain;
    private final Map<Long, Downloads> peers = new ConcurrentHashMap<>();
    private final Set<Hash256> inFlight = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Peer> source = new ThreadLocal<>();

    public BlockSync(ChainState chain) {
        this.chain = chain;
        chain.addListener(this);
    }

    /** Stops announcing to peers; call before closing the chain state. */
    public void close() {
        chain.removeListener(this);
    }

    /** One peer's block downloads: hashes its headers named that we still need, and those requested. */
    private static final class Downloads {
        final Peer peer;
        final Deque<Hash256> queued = new ArrayDeque<>();
        final Set<Hash256> known = new HashSet<>();
        final Set<Hash256> requested = new HashSet<>();
        /** Core's hashContinue: the last block of a full getblocks answer. */
        Hash256 continueAfter;

        Downloads(Peer peer) {
            this.peer = peer;
        }
    }

    @Override
    public void handshakeComplete(Peer peer) {
        peers.put(peer.id(), new Downloads(peer));
        requestHeaders(peer);
    }

    @Override
    public void disconnected(Peer peer, Disconnect reason) {
        Downloads d = peers.remove(peer.id());
        if (d != null) {
            synchronized (d) {
                inFlight.removeAll(d.requested);
            }
        }
    }

    @Override
    public void message(Peer peer, Message message) {
        Downloads d = peers.get(peer.id());
        if (d == null) {
            return;
        }
        if (message instanceof HeadersMessage h) {
            onHeaders(d, h);
        } else if (message instanceof RawMessage r && r.command().equals(RawMessage.BLOCK)) {
            onBlock(d, r);
        } else if (message instanceof InventoryMessage inv && inv.command().equals(InventoryMessage.INV)) {
            onInv(d, inv);
        } else if (message instanceof InventoryMessage get && get.command().equals(InventoryMessage.GETDATA)) {
            onGetData(d, get);
        } else if (message instanceof LocatorMessage l && l.command().equals(LocatorMessage.GETHEADERS)) {
            onGetHeaders(peer, l);
        } else if (message instanceof LocatorMessage l && l.command().equals(LocatorMessage.GETBLOCKS)) {
            onGetBlocks(d, l);
        }
    }

    private void requestHeaders(Peer peer) {
        peer.send(new LocatorMessage(LocatorMessage.GETHEADERS, ProtocolLimits.PROTOCOL_VERSION,
                BlockLocator.of(chain.tip()), Bytes.copyOf(new byte[32])));
    }

    private void onHeaders(Downloads d, HeadersMessage message) {
        if (message.headers().isEmpty()) {
            return;
        }
        List<BlockHeader> headers = new ArrayList<>();
        for (Bytes raw : message.headers()) {
            headers.add(BlockHeader.fromBytes(raw.toByteArray()));
        }
        synchronized (d) {
            Hash256 parent = headers.get(0).prevBlock();
            if (chain.lookup(parent) == null && !d.known.contains(parent)) {
                // Core: headers that do not connect are answered with a getheaders from our tip.
                requestHeaders(d.peer);
                return;
            }
            for (BlockHeader h : headers) {
                if (!h.prevBlock().equals(parent)) {
                    d.peer.misbehaving("non-continuous headers sequence");
                    return;
                }
                Hash256 hash = h.hash();
                if (hash.toBigInteger().compareTo(BlockHeader.targetFromBits(h.bits())) > 0) {
                    d.peer.misbehaving("header " + hash + ": proof of work failed (high-hash)");
                    return;
                }
                if (chain.lookup(hash) == null && d.known.add(hash)) {
                    d.queued.add(hash);
                }
                parent = hash;
            }
            if (message.headers().size() == ProtocolLimits.MAX_HEADERS) {
                d.peer.send(new LocatorMessage(LocatorMessage.GETHEADERS, ProtocolLimits.PROTOCOL_VERSION,
                        List.of(Hashes.of(parent)), Bytes.copyOf(new byte[32])));
            }
            requestBlocks(d);
        }
    }

    private void requestBlocks(Downloads d) {
        List<InvVector> wanted = new ArrayList<>();
        boolean witness = (d.peer.version().services() & ServiceFlags.NODE_WITNESS) != 0;
        int type = InvVector.MSG_BLOCK | (witness ? InvVector.MSG_WITNESS_FLAG : 0);
        while (d.requested.size() < MAX_BLOCKS_IN_FLIGHT_PER_PEER && !d.queued.isEmpty()) {
            Hash256 hash = d.queued.poll();
            if (chain.lookup(hash) != null || !inFlight.add(hash)) {
                continue;
            }
            d.requested.add(hash);
            wanted.add(new InvVector(type, Hashes.of(hash)));
        }
        if (!wanted.isEmpty()) {
            d.peer.send(new InventoryMessage(InventoryMessage.GETDATA, wanted));
        }
    }

    private void onBlock(Downloads d, RawMessage message) {
        Block block;
        try {
            block = Block.fromBytes(message.payload().toByteArray());
        } catch (RuntimeException e) {
            // Core drops a message that fails to deserialize and keeps the peer.
            LOG.log(Level.DEBUG, "{0}: undecodable block dropped: {1}", d.peer, e.getMessage());
            return;
        }
        Hash256 hash = block.hash();
        synchronized (d) {
            d.requested.remove(hash);
            d.known.remove(hash);
        }
        inFlight.remove(hash);
        source.set(d.peer);
        try {
            chain.processBlock(block);
        } catch (ValidationException e) {
            if (e.reason().equals("prev-blk-not-found")) {
                // Core punishes a block with an unknown parent, but it has the parent's header from headers-first
                // sync; without header storage an out-of-order block is ours to re-fetch, not the peer's fault.
                requestHeaders(d.peer);
            } else if (e.reason().equals("time-too-new")) {
                // Core's BLOCK_TIME_FUTURE: may become valid later, so the peer is not punished.
                LOG.log(Level.DEBUG, "{0}: block {1} from the future ignored", d.peer, hash);
            } else {
                d.peer.misbehaving("invalid block " + hash + ": " + e.getMessage());
                return;
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "storing block " + hash + " failed", e);
            return;
        } finally {
            source.remove();
        }
        synchronized (d) {
            requestBlocks(d);
        }
    }

    private void onInv(Downloads d, InventoryMessage inv) {
        for (InvVector e : inv.entries()) {
            int type = e.type() & ~InvVector.MSG_WITNESS_FLAG;
            if (type == InvVector.MSG_BLOCK && chain.lookup(Hashes.of(e.hash())) == null) {
                // Core answers an unknown block announcement with getheaders, then downloads what connects.
                requestHeaders(d.peer);
                return;
            }
        }
    }

    private void onGetHeaders(Peer peer, LocatorMessage request) {
        List<Bytes> headers = new ArrayList<>();
        for (BlockIndex b : after(request, ProtocolLimits.MAX_HEADERS)) {
            headers.add(Bytes.wrap(b.header().toBytes()));
        }
        peer.send(new HeadersMessage(headers));
    }

    private void onGetBlocks(Downloads d, LocatorMessage request) {
        List<BlockIndex> blocks = after(request, MAX_GETBLOCKS_RESULTS);
        List<InvVector> inv = new ArrayList<>();
        for (BlockIndex b : blocks) {
            inv.add(new InvVector(InvVector.MSG_BLOCK, Hashes.of(b.hash())));
        }
        if (blocks.size() == MAX_GETBLOCKS_RESULTS) {
            // When the peer fetches the last of these, an inv of our tip tells it to ask for the next batch.
            synchronized (d) {
                d.continueAfter = blocks.get(blocks.size() - 1).hash();
            }
        }
        if (!inv.isEmpty()) {
            d.peer.send(new InventoryMessage(InventoryMessage.INV, inv));
        }
    }

    /** Active-chain blocks after the locator's fork point, up to {@code limit} or the stop hash. */
    private List<BlockIndex> after(LocatorMessage request, int limit) {
        List<BlockIndex> out = new ArrayList<>();
        synchronized (chain) {
            BlockIndex fork = BlockLocator.forkPoint(chain, request.locator());
            int height = fork == null ? 1 : fork.height() + 1;
            Hash256 stop = Hashes.of(request.stop());
            for (; height <= chain.height() && out.size() < limit; height++) {
                BlockIndex b = chain.atHeight(height);
                out.add(b);
                if (b.hash().equals(stop)) {
                    break;
                }
            }
        }
        return out;
    }

    private void onGetData(Downloads d, InventoryMessage request) {
        Peer peer = d.peer;
        List<InvVector> notFound = new ArrayList<>();
        for (InvVector e : request.entries()) {
            int type = e.type() & ~InvVector.MSG_WITNESS_FLAG;
            if (type == InvVector.MSG_TX || type == InvVector.MSG_WTX) {
                continue; // TxRelay's
            }
            if (type != InvVector.MSG_BLOCK && type != InvVector.MSG_CMPCT_BLOCK) {
                notFound.add(e);
                continue;
            }
            BlockIndex b = chain.lookup(Hashes.of(e.hash()));
            if (b == null) {
                continue; // Core ignores requests for blocks it does not have
            }
            try {
                Block block = chain.readBlock(b);
                // A compact block request is answered with the full witness block, as Core does for blocks
                // deeper than it sends cmpctblock for (BIP152 encoding is not written yet).
                boolean witness = type == InvVector.MSG_CMPCT_BLOCK || (e.type() & InvVector.MSG_WITNESS_FLAG) != 0;
                peer.send(new RawMessage(RawMessage.BLOCK, Bytes.wrap(block.serialize(witness))));
                synchronized (d) {
                    if (b.hash().equals(d.continueAfter)) {
                        d.continueAfter = null;
                        peer.send(new InventoryMessage(InventoryMessage.INV,
                                List.of(new InvVector(InvVector.MSG_BLOCK, Hashes.of(chain.tip().hash())))));
                    }
                }
            } catch (IOException ex) {
                LOG.log(Level.WARNING, "reading block " + b.hash() + " for " + peer + " failed", ex);
            }
        }
        if (!notFound.isEmpty()) {
            peer.send(new InventoryMessage(InventoryMessage.NOTFOUND, notFound));
        }
    }

    @Override
    public void blockConnected(Block block, BlockIndex index) {
        Peer from = source.get();
        for (Downloads d : peers.values()) {
            Peer peer = d.peer;
            if (peer == from) {
                continue;
            }
            if (peer.features().headersAnnouncements()) {
                peer.send(new HeadersMessage(List.of(Bytes.wrap(block.header().toBytes()))));
            } else {
                peer.send(new InventoryMessage(InventoryMessage.INV,
                        List.of(new InvVector(InvVector.MSG_BLOCK, Hashes.of(index.hash())))));
            }
        }
    }

    @Override
    public void blockDisconnected(Block block, BlockIndex index) {
        // Peers learn about a reorg from the announcements of the new chain's blocks.
    }
}

package org.btcmp.node.net;

import java.io.IOException;
import java.math.BigInteger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.btcmp.node.chain.BlockIndex;
import org.btcmp.node.chain.ChainListener;
import org.btcmp.node.chain.ChainState;
import org.btcmp.node.chain.ValidationException;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.BlockHeader;
import org.btcmp.primitives.Hash256;

/**
 * The block half of Core's net_processing over {@link ChainState}: headers-first download from every peer at once
 * (getheaders, then getdata for blocks the peer's headers name, at most {@value #MAX_BLOCKS_IN_FLIGHT_PER_PEER} in
 * flight per peer and never two peers for one block) inside a moving window above the tip; a peer whose
 * in-flight block holds the window back while others wait is disconnected after the stall timeout, and its
 * blocks go to the others. Only a peer whose headers show at least our tip's chain work is asked for blocks.
 * Headers are held in memory only for blocks we lack, at most {@link Download#headersAhead} per peer (the chase
 * pauses there and resumes as blocks connect) and dropped with the peer that sent them; blocks that arrive before
 * their parent wait in memory (bounded by {@value #MAX_WAITING_BYTES} bytes) until it connects. Also serves
 * headers and blocks to peers and announces new tips by headers (to peers that sent sendheaders) or inv.
 */
public final class BlockSync implements PeerListener, ChainListener {
    private static final System.Logger LOG = System.getLogger(BlockSync.class.getName());
    /** MAX_BLOCKS_IN_TRANSIT_PER_PEER. */
    static final int MAX_BLOCKS_IN_FLIGHT_PER_PEER = 16;
    /** getblocks answers with at most 500 inv entries, as Core. */
    private static final int MAX_GETBLOCKS_RESULTS = 500;
    /** Blocks waiting for their parent are held up to this many bytes; past it requests pause as at the window. */
    private static final long MAX_WAITING_BYTES = 64L << 20;
    private static final long TICK_MILLIS = 200;

    /**
     * How far above the tip blocks are requested, how long a peer may hold that window back, and how long it may
     * take to deliver a block it was asked for.
     *
     * @param window Core's BLOCK_DOWNLOAD_WINDOW (1024)
     * @param stallTimeout Core's BLOCK_STALLING_TIMEOUT_DEFAULT (2 s)
     * @param blockTimeout Core's BLOCK_DOWNLOAD_TIMEOUT_BASE: one target block spacing (10 minutes)
     * @param headersAhead how many headers of blocks we lack one peer may have us hold: past it the header chase
     *     pauses until blocks connect and it falls below again (so headers need memory for a window, not a chain)
     */
    public record Download(int window, Duration stallTimeout, Duration blockTimeout, int headersAhead) {
        /** A header window of ten getheaders answers: far past the block window, a few MB at most per peer. */
        public static final int DEFAULT_HEADERS_AHEAD = 10 * ProtocolLimits.MAX_HEADERS;
        public static final Download CORE = new Download(1024, Duration.ofSeconds(2), Duration.ofMinutes(10));

        public Download(int window, Duration stallTimeout, Duration blockTimeout) {
            this(window, stallTimeout, blockTimeout, DEFAULT_HEADERS_AHEAD);
        }
    }

    /** A header whose block we lack: its height and the chain work up to it. */
    private record HeaderInfo(int height, BigInteger work) {
    }

    /** One peer's downloads: the blocks its headers named that we lack (in chain order) and those requested. */
    private static final class Downloads {
        final Peer peer;
        final Set<Hash256> known = new LinkedHashSet<>();
        final Set<Hash256> requested = new HashSet<>();
        /** Core's hashContinue: the last block of a full getblocks answer. */
        Hash256 continueAfter;
        /** When this peer began holding the window back (nanoTime), or 0. */
        long stallingSince;
        /** The most chain work among the headers this peer sent (Core's pindexBestKnownBlock). */
        BigInteger bestWork = BigInteger.ZERO;
        /** The last header of a full answer whose follow-up getheaders waits for blocks to connect, or null. */
        Hash256 headersPausedAt;
        /** A low-work headers chain being walked without storing it (Core's headers presync), or null. */
        HeadersPresync presync;

        Downloads(Peer peer) {
            this.peer = peer;
        }
    }

    /** A block that arrived before its parent; {@code compact} when rebuilt from a cmpctblock (BIP152). */
    private record Waiting(Block block, Peer from, int size, boolean compact) {
    }

    /**
     * Reject reasons of Core's BLOCK_INVALID_HEADER, BLOCK_INVALID_PREV and BLOCK_MISSING_PREV: punished even in
     * a compact block, whose header the sender vouches for. Other failures (BLOCK_CONSENSUS, BLOCK_MUTATED: bad
     * transactions or scripts) are exempt there, since the sender relays it before validating it fully (BIP152).
     */
    private static final Set<String> HEADER_FAILURES = Set.of("high-hash", "bad-diffbits", "time-too-old",
            "bad-prevblk", "prev-blk-not-found");

    private final ChainState chain;
    private final Download download;
    private final Map<Long, Downloads> peers = new ConcurrentHashMap<>();
    private final ThreadLocal<Peer> source = new ThreadLocal<>();
    // Guarded by this: the download state shared by all peers.
    private final Map<Hash256, HeaderInfo> headers = new HashMap<>();
    private final Map<Hash256, Long> inFlight = new HashMap<>();
    /** When each block in flight was asked for (nanoTime). */
    private final Map<Hash256, Long> askedAt = new HashMap<>();
    private final Map<Hash256, List<Waiting>> waitingByParent = new HashMap<>();
    private final Set<Hash256> waiting = new HashSet<>();
    private long waitingBytes;
    private final ScheduledExecutorService timer;
    private final List<Thread> timerThreads = new CopyOnWriteArrayList<>();
    private volatile Predicate<Peer> announcedCompactly = peer -> false;
    /** Whether a compact block relay takes cmpctblock answers; without one, blocks are asked for whole. */
    private volatile boolean compactRelay;

    public BlockSync(ChainState chain) {
        this(chain, Download.CORE);
    }

    public BlockSync(ChainState chain, Download download) {
        this.chain = chain;
        this.download = download;
        chain.addListener(this);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "net-blocksync");
            timerThreads.add(t);
            return t;
        });
        timer.scheduleWithFixedDelay(this::checkStalls, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops the stall timer and announcing to peers; call before closing the chain state. */
    public void close() {
        chain.removeListener(this);
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
            for (Thread t : timerThreads) {
                t.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Peers that hear of new blocks by cmpctblock (BIP152 high bandwidth) get no headers or inv for them. */
    void announceCompactlyTo(Predicate<Peer> highBandwidth) {
        announcedCompactly = highBandwidth;
        compactRelay = true;
    }

    /** The peer whose block is being connected on this thread, or null (it is not told of its own block). */
    Peer currentSource() {
        return source.get();
    }

    /** A block rebuilt from a compact block: handled as if the peer had sent it whole. */
    void deliver(Peer peer, Block block) {
        Downloads d = peers.get(peer.id());
        if (d != null) {
            received(d, block, block.totalSize(), true);
        }
    }

    /** Blocks requested and not yet received, over all peers. */
    public synchronized int blocksInFlight() {
        return inFlight.size();
    }

    @Override
    public void handshakeComplete(Peer peer) {
        peers.put(peer.id(), new Downloads(peer));
        requestHeaders(peer);
    }

    @Override
    public void disconnected(Peer peer, Disconnect reason) {
        if (peers.remove(peer.id()) == null) {
            return;
        }
        synchronized (this) {
            inFlight.values().removeIf(id -> id == peer.id());
            askedAt.keySet().retainAll(inFlight.keySet());
            // Headers only this peer told us of go with it, so a departed peer's chain holds no memory.
            Set<Hash256> needed = new HashSet<>(waiting);
            for (Downloads other : peers.values()) {
                needed.addAll(other.known);
            }
            headers.keySet().retainAll(needed);
            requestFromAll();
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

    /** A block we have or whose header we hold, as height and chain work; null when unknown. */
    private HeaderInfo infoOf(Hash256 hash) {
        BlockIndex b = chain.lookup(hash);
        return b != null ? new HeaderInfo(b.height(), b.chainWork()) : headers.get(hash);
    }

    /** Headers held for blocks we lack, over all peers (bounded by the peers' header windows). */
    public synchronized int headersHeld() {
        return headers.size();
    }

    private void onHeaders(Downloads d, HeadersMessage message) {
        if (message.headers().isEmpty()) {
            return;
        }
        List<BlockHeader> received = new ArrayList<>();
        for (Bytes raw : message.headers()) {
            received.add(BlockHeader.fromBytes(raw.toByteArray()));
        }
        synchronized (this) {
            Hash256 parent = received.get(0).prevBlock();
            HeadersPresync presync = d.presync;
            boolean continuesPresync = presync != null && parent.equals(presync.last());
            HeaderInfo parentInfo = continuesPresync ? new HeaderInfo(presync.height(), presync.work())
                    : infoOf(parent);
            Hash256 start = parent;
            if (parentInfo == null) {
                // Core: headers that do not connect are answered with a getheaders from our tip.
                requestHeaders(d.peer);
                return;
            }
            int height = parentInfo.height();
            BigInteger work = parentInfo.work();
            List<Hash256> hashes = new ArrayList<>();
            List<HeaderInfo> infos = new ArrayList<>();
            for (BlockHeader h : received) {
                if (!h.prevBlock().equals(parent)) {
                    d.peer.misbehaving("non-continuous headers sequence");
                    return;
                }
                Hash256 hash = h.hash();
                if (hash.toBigInteger().compareTo(BlockHeader.targetFromBits(h.bits())) > 0) {
                    d.peer.misbehaving("header " + hash + ": proof of work failed (high-hash)");
                    return;
                }
                height++;
                work = work.add(BlockHeader.workFromBits(h.bits()));
                hashes.add(hash);
                infos.add(new HeaderInfo(height, work));
                parent = hash;
            }
            boolean full = message.headers().size() == ProtocolLimits.MAX_HEADERS;
            if (continuesPresync) {
                presync(d, hashes, infos, full);
                return;
            }
            if (work.compareTo(chain.minimumChainWork()) < 0) {
                // Core's TryLowWorkHeadersSync: a full answer may lead on to enough work; a short one cannot.
                if (full) {
                    BlockIndex from = chain.lookup(start);
                    long mtp = from != null ? from.medianTimePast() : chain.now();
                    d.presync = new HeadersPresync(start, parentInfo.height(), parentInfo.work(), mtp, chain.now(),
                            chain.minimumChainWork());
                    LOG.log(Level.DEBUG, "Initial headers sync started with peer={0}: height={1}", d.peer.id(),
                            parentInfo.height());
                    presync(d, hashes, infos, full);
                } else {
                    LOG.log(Level.DEBUG, "Ignoring low-work chain (height={0}) from peer={1}", height, d.peer.id());
                }
                return;
            }
            for (int i = 0; i < hashes.size(); i++) {
                if (chain.lookup(hashes.get(i)) == null) {
                    headers.put(hashes.get(i), infos.get(i));
                    d.known.add(hashes.get(i));
                }
            }
            if (work.compareTo(d.bestWork) > 0) {
                d.bestWork = work;
            }
            if (full) {
                if (d.known.size() < download.headersAhead()) {
                    d.headersPausedAt = null;
                    requestHeadersAfter(d.peer, parent);
                } else {
                    // Headers-first in a bounded window: the rest of this chain is asked for as blocks connect.
                    d.headersPausedAt = parent;
                }
            }
            requestBlocks(d);
        }
    }

    /** A batch for the peer's presync: headers it releases are stored as any others; it says what to ask next. */
    private void presync(Downloads d, List<Hash256> hashes, List<HeaderInfo> infos, boolean full) {
        List<HeadersPresync.Header> batch = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            batch.add(new HeadersPresync.Header(hashes.get(i), infos.get(i).height(), infos.get(i).work()));
        }
        HeadersPresync.Result r = d.presync.process(batch, full);
        for (HeadersPresync.Header h : r.release()) {
            if (chain.lookup(h.hash()) == null) {
                headers.put(h.hash(), new HeaderInfo(h.height(), h.work()));
                d.known.add(h.hash());
            }
            if (h.work().compareTo(d.bestWork) > 0) {
                d.bestWork = h.work();
            }
        }
        if (r.failure() != null) {
            LOG.log(Level.DEBUG, "Initial headers sync aborted with peer={0}: {1}", d.peer.id(), r.failure());
        }
        if (r.done()) {
            d.presync = null;
        }
        if (r.requestAfter() != null) {
            requestHeadersAfter(d.peer, r.requestAfter());
        }
        requestBlocks(d);
    }

    /** Core's presynced_headers for getpeerinfo: the height a low-work headers sync has reached, or -1. */
    public synchronized int presyncHeight(Peer peer) {
        Downloads d = peers.get(peer.id());
        return d == null || d.presync == null ? -1 : d.presync.presyncHeight();
    }

    private void requestHeadersAfter(Peer peer, Hash256 last) {
        peer.send(new LocatorMessage(LocatorMessage.GETHEADERS, ProtocolLimits.PROTOCOL_VERSION,
                List.of(Hashes.of(last)), Bytes.copyOf(new byte[32])));
    }

    private void requestFromAll() {
        for (Downloads d : peers.values()) {
            if (d.headersPausedAt != null && d.known.size() < download.headersAhead()) {
                Hash256 resume = d.headersPausedAt;
                d.headersPausedAt = null;
                requestHeadersAfter(d.peer, resume);
            }
            requestBlocks(d);
        }
    }

    /**
     * Core's FindNextBlocksToDownload: this peer's blocks in chain order, skipping those in flight elsewhere, up
     * to the window's end. When the window alone keeps this peer idle, the peer holding the lowest block in flight
     * is stalling it.
     */
    private void requestBlocks(Downloads d) {
        int free = MAX_BLOCKS_IN_FLIGHT_PER_PEER - d.requested.size();
        if (free <= 0 || d.peer.version() == null) {
            return;
        }
        // Core: nothing to fetch from a peer whose best chain has less work than our tip. Its headers stay known,
        // so a long low-work chain fills this peer's header window and pauses its chase, costing bounded memory.
        if (d.bestWork.compareTo(chain.tip().chainWork()) < 0
                || d.bestWork.compareTo(chain.minimumChainWork()) < 0) {
            return; // Core: nor from one whose chain has less work than -minimumchainwork
        }
        int windowEnd = chain.height() + download.window();
        boolean blockedByWindow = false;
        List<InvVector> wanted = new ArrayList<>();
        boolean witness = (d.peer.version().services() & ServiceFlags.NODE_WITNESS) != 0;
        int type = InvVector.MSG_BLOCK | (witness ? InvVector.MSG_WITNESS_FLAG : 0);
        // Headers of blocks that arrived meanwhile (or were dropped) go first: "a lone new tip" counts only what we lack.
        d.known.removeIf(hash -> headers.get(hash) == null || waiting.contains(hash) || chain.lookup(hash) != null);
        // Core asks for a lone new tip as a compact block when the peer speaks BIP152 version 2.
        boolean newTipOnly = compactRelay && d.known.size() == 1
                && d.peer.features().compactBlocksVersion() == PeerProtocol.COMPACT_BLOCKS_VERSION;
        for (Iterator<Hash256> it = d.known.iterator(); it.hasNext() && wanted.size() < free;) {
            Hash256 hash = it.next();
            HeaderInfo info = headers.get(hash);
            if (info == null || waiting.contains(hash) || chain.lookup(hash) != null) {
                it.remove();
                continue;
            }
            int height = info.height();
            if (height > windowEnd || waitingBytes > MAX_WAITING_BYTES) {
                blockedByWindow = true;
                break;
            }
            if (inFlight.containsKey(hash)) {
                continue;
            }
            inFlight.put(hash, d.peer.id());
            askedAt.put(hash, System.nanoTime());
            d.requested.add(hash);
            boolean compact = newTipOnly && height == chain.height() + 1;
            wanted.add(new InvVector(compact ? InvVector.MSG_CMPCT_BLOCK : type, Hashes.of(hash)));
        }
        if (!wanted.isEmpty()) {
            d.peer.send(new InventoryMessage(InventoryMessage.GETDATA, wanted));
        } else if (blockedByWindow) {
            markStaller(d);
        }
    }

    private void markStaller(Downloads idle) {
        Hash256 lowest = null;
        int lowestHeight = Integer.MAX_VALUE;
        for (Hash256 h : inFlight.keySet()) {
            HeaderInfo info = headers.get(h);
            if (info != null && info.height() < lowestHeight) {
                lowest = h;
                lowestHeight = info.height();
            }
        }
        if (lowest == null) {
            return;
        }
        Downloads staller = peers.get(inFlight.get(lowest));
        if (staller != null && staller != idle && staller.stallingSince == 0) {
            staller.stallingSince = System.nanoTime();
            LOG.log(Level.DEBUG, "{0} is holding back block {1} at height {2}", staller.peer, lowest, lowestHeight);
        }
    }

    private void checkStalls() {
        long now = System.nanoTime();
        List<Peer> stalled = new ArrayList<>();
        List<Peer> late = new ArrayList<>();
        synchronized (this) {
            for (Downloads d : peers.values()) {
                if (d.stallingSince != 0 && now - d.stallingSince > download.stallTimeout().toNanos()) {
                    stalled.add(d.peer);
                }
            }
            for (Map.Entry<Hash256, Long> e : askedAt.entrySet()) {
                Downloads d = peers.get(inFlight.get(e.getKey()));
                if (d != null && now - e.getValue() > download.blockTimeout().toNanos() && !stalled.contains(d.peer)
                        && !late.contains(d.peer)) {
                    late.add(d.peer);
                }
            }
        }
        for (Peer p : stalled) {
            LOG.log(Level.DEBUG, "{0} is stalling block download, disconnecting", p);
            p.disconnect(new Disconnect(Disconnect.Kind.TIMEOUT, "peer is stalling block download"));
        }
        for (Peer p : late) {
            LOG.log(Level.DEBUG, "{0}: block download timeout, disconnecting", p);
            p.disconnect(new Disconnect(Disconnect.Kind.TIMEOUT, "block download timeout"));
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
        received(d, block, message.payload().length(), false);
    }

    private void received(Downloads d, Block block, int size, boolean compact) {
        Hash256 hash = block.hash();
        synchronized (this) {
            boolean requested = d.requested.remove(hash);
            if (requested) {
                inFlight.remove(hash);
                askedAt.remove(hash);
                d.stallingSince = 0;
            }
            BlockIndex parentIndex = chain.lookup(block.header().prevBlock());
            if (!requested && parentIndex != null && parentIndex.chainWork().add(BlockHeader.workFromBits(
                    block.header().bits())).compareTo(chain.minimumChainWork()) < 0) {
                // Core's AcceptBlock: an unrequested block of a chain below -minimumchainwork is not stored.
                LOG.log(Level.DEBUG, "peer={0}: unrequested low-work block {1} ignored", d.peer.id(), hash);
                return;
            }
            if (chain.lookup(hash) != null || waiting.contains(hash)) {
                requestBlocks(d);
                return;
            }
            if (chain.lookup(block.header().prevBlock()) == null) {
                if (headers.containsKey(hash)) {
                    // Downloaded in parallel ahead of its parent: it waits for it.
                    waitingByParent.computeIfAbsent(block.header().prevBlock(), k -> new ArrayList<>())
                            .add(new Waiting(block, d.peer, size, compact));
                    waiting.add(hash);
                    waitingBytes += size;
                } else {
                    // An unannounced block we cannot place: ask for the headers that lead to it.
                    requestHeaders(d.peer);
                }
                requestBlocks(d);
                return;
            }
            List<Waiting> ready = new ArrayList<>(List.of(new Waiting(block, d.peer, 0, compact)));
            while (!ready.isEmpty()) {
                Waiting w = ready.remove(0);
                Hash256 h = w.block().hash();
                if (w.size() > 0) {
                    waiting.remove(h);
                    waitingBytes -= w.size();
                }
                headers.remove(h);
                List<Waiting> children = waitingByParent.remove(h);
                if (connect(w.block(), w.from(), w.compact())) {
                    if (children != null) {
                        ready.addAll(children);
                    }
                } else if (children != null) {
                    discard(children);
                }
            }
            requestFromAll();
        }
    }

    /** Drops blocks (and their descendants) waiting on a parent that was refused. */
    private void discard(List<Waiting> orphans) {
        List<Waiting> work = new ArrayList<>(orphans);
        while (!work.isEmpty()) {
            Waiting w = work.remove(0);
            Hash256 h = w.block().hash();
            waiting.remove(h);
            waitingBytes -= w.size();
            headers.remove(h);
            List<Waiting> children = waitingByParent.remove(h);
            if (children != null) {
                work.addAll(children);
            }
        }
    }

    /**
     * Validates and connects one block; false when it was refused, and then the sender punished as Core's
     * MaybePunishNodeForBlock: an invalid block (scripts included, found while connecting it) is misbehaviour unless
     * it came as a compact block and only its transactions are at fault; a block already known invalid counts
     * against outbound peers only; a block from the future costs nothing.
     */
    private boolean connect(Block block, Peer from, boolean compact) {
        Hash256 hash = block.hash();
        source.set(from);
        try {
            ChainState.Outcome outcome = chain.processBlock(block);
            if (outcome == ChainState.Outcome.DUPLICATE_INVALID) {
                if (!compact && !from.type().inbound()) {
                    from.misbehaving("block " + hash + " is known to be invalid");
                }
                return false;
            }
            if (chain.isInvalid(hash)) {
                String why = "invalid block " + hash + ": " + chain.failureReason(hash);
                if (compact) {
                    LOG.log(Level.DEBUG, "{0}: {1} (compact block: not punished)", from, why);
                } else {
                    from.misbehaving(why);
                }
                return false;
            }
            return true;
        } catch (ValidationException e) {
            String reason = e.reason();
            if (reason.equals("time-too-new")) {
                // Core's BLOCK_TIME_FUTURE: may become valid later, so the peer is not punished.
                LOG.log(Level.DEBUG, "{0}: block {1} from the future ignored", from, hash);
            } else if (compact && !HEADER_FAILURES.contains(reason) && !reason.startsWith("bad-version")) {
                LOG.log(Level.DEBUG, "{0}: invalid compact block {1} (not punished): {2}", from, hash, e.getMessage());
            } else {
                from.misbehaving("invalid block " + hash + ": " + e.getMessage());
            }
            return false;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "storing block " + hash + " failed", e);
            return false;
        } finally {
            source.remove();
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
            synchronized (this) {
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
                if (type == InvVector.MSG_CMPCT_BLOCK && chain.height() - b.height() < CompactBlocks.MAX_BLOCKTXN_DEPTH) {
                    peer.send(new RawMessage(CompactBlock.COMMAND, Bytes.wrap(CompactBlock.of(block,
                            java.util.concurrent.ThreadLocalRandom.current().nextLong()).encode())));
                } else {
                    // Deeper blocks asked for compactly are sent whole with witnesses, as Core does.
                    boolean witness = type == InvVector.MSG_CMPCT_BLOCK
                            || (e.type() & InvVector.MSG_WITNESS_FLAG) != 0;
                    peer.send(new RawMessage(RawMessage.BLOCK, Bytes.wrap(block.serialize(witness))));
                }
                boolean sendTip;
                synchronized (this) {
                    sendTip = b.hash().equals(d.continueAfter);
                    if (sendTip) {
                        d.continueAfter = null;
                    }
                }
                if (sendTip) {
                    peer.send(new InventoryMessage(InventoryMessage.INV,
                            List.of(new InvVector(InvVector.MSG_BLOCK, Hashes.of(chain.tip().hash())))));
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
            if (peer == from || announcedCompactly.test(peer)) {
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

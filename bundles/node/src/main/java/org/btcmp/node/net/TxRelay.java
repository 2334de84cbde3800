package org.btcmp.node.net;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.btcmp.node.chain.Mempool;
import org.btcmp.node.chain.ValidationException;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;

/**
 * The transaction half of Core's net_processing: announcements by wtxid to peers that sent wtxidrelay (by txid
 * to the others), trickled at random intervals per peer, honouring each peer's feefilter; getdata for announced
 * transactions we lack; acceptance through the node's {@link Mempool}, relay onwards, and orphans held in an
 * {@link Orphanage} while their parents are fetched.
 */
public final class TxRelay implements PeerListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TxRelay.class.getName());
    /** Core's INVENTORY_BROADCAST_MAX: inv entries per trickle. */
    static final int MAX_INV_PER_TRICKLE = 1000;
    /** Core forgets a getdata it sent after GETDATA_TX_INTERVAL (60 s) and may ask another peer. */
    private static final long REQUEST_TIMEOUT_NANOS = 60_000_000_000L;
    private static final int MAX_KNOWN_PER_PEER = 50_000;
    private static final int MAX_REJECTS = 10_000;
    private static final long TICK_MILLIS = 50;
    /**
     * Mean intervals between announcements to a peer: Core's INBOUND_INVENTORY_BROADCAST_INTERVAL (5 s) and
     * OUTBOUND_INVENTORY_BROADCAST_INTERVAL (2 s).
     */
    public record Trickle(Duration inbound, Duration outbound) {
        public static final Trickle CORE = new Trickle(Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    /** Per peer: what it knows (so nothing is announced twice) and what waits for its next trickle. */
    private static final class PeerState {
        final Peer peer;
        final Set<Hash256> known = Collections.newSetFromMap(new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Hash256, Boolean> eldest) {
                return size() > MAX_KNOWN_PER_PEER;
            }
        });
        final Set<Hash256> pending = new LinkedHashSet<>();
        long nextTrickle;

        PeerState(Peer peer) {
            this.peer = peer;
        }
    }

    private final Mempool mempool;
    private final Trickle trickle;
    private final Map<Long, PeerState> peers = new ConcurrentHashMap<>();
    private final Map<Hash256, Hash256> txidOfWtxid = new ConcurrentHashMap<>();
    private final Map<Hash256, Long> requested = new ConcurrentHashMap<>();
    private final Set<Hash256> rejects = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>() {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<Hash256, Boolean> eldest) {
                    return size() > MAX_REJECTS;
                }
            }));
    private final Orphanage orphans = new Orphanage();
    private final ScheduledExecutorService timer;
    private final List<Thread> timerThreads = new CopyOnWriteArrayList<>();

    public TxRelay(Mempool mempool, Trickle trickle) {
        this.mempool = mempool;
        this.trickle = trickle;
        for (Mempool.Entry e : mempool.entries()) {
            txidOfWtxid.put(e.tx().wtxid(), e.tx().txid());
        }
        mempool.onAdded(this::added);
        mempool.onRemoved(tx -> txidOfWtxid.remove(tx.wtxid()));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "net-txrelay");
            timerThreads.add(t);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Orphans held now. */
    public int orphanCount() {
        synchronized (orphans) {
            return orphans.size();
        }
    }

    @Override
    public void handshakeComplete(Peer peer) {
        if (!peer.type().relaysTransactions()) {
            return; // block-relay-only: no announcements either way
        }
        PeerState s = new PeerState(peer);
        s.nextTrickle = System.nanoTime();
        peers.put(peer.id(), s);
    }

    @Override
    public void disconnected(Peer peer, Disconnect reason) {
        peers.remove(peer.id());
        synchronized (orphans) {
            orphans.removeForPeer(peer.id());
        }
    }

    @Override
    public void message(Peer peer, Message message) {
        if (!peer.type().relaysTransactions()) {
            refuseTransactions(peer, message);
            return;
        }
        PeerState s = peers.get(peer.id());
        if (s == null) {
            return;
        }
        if (message instanceof InventoryMessage inv && inv.command().equals(InventoryMessage.INV)) {
            onInv(s, inv);
        } else if (message instanceof InventoryMessage get && get.command().equals(InventoryMessage.GETDATA)) {
            onGetData(s, get);
        } else if (message instanceof RawMessage r && r.command().equals(RawMessage.TX)) {
            onTx(s, r);
        } else if (message.equals(EmptyMessage.MEMPOOL)) {
            onMempool(s);
        }
    }

    /** Core disconnects a block-relay-only peer that sends or announces a transaction (our version said relay=0). */
    private static void refuseTransactions(Peer peer, Message message) {
        boolean tx = message instanceof RawMessage r && r.command().equals(RawMessage.TX);
        boolean announced = message instanceof InventoryMessage inv && inv.command().equals(InventoryMessage.INV)
                && inv.entries().stream().anyMatch(e -> {
                    int type = e.type() & ~InvVector.MSG_WITNESS_FLAG;
                    return type == InvVector.MSG_TX || type == InvVector.MSG_WTX;
                });
        if (tx || announced) {
            peer.disconnect(new Disconnect(Disconnect.Kind.PROTOCOL_VIOLATION,
                    (tx ? "tx" : "transaction inv") + " sent in violation of protocol on a block-relay-only connection"));
        }
    }

    /**
     * BIP35 as Core serves it: only to peers with the mempool permission (this node offers no bloom filters);
     * others are disconnected unless they have noban. The whole mempool is queued for the peer's next trickle,
     * so its fee filter and what it already knows still apply.
     */
    private void onMempool(PeerState s) {
        if (!s.peer.hasPermission(NetPermission.MEMPOOL)) {
            if (!s.peer.hasPermission(NetPermission.NOBAN)) {
                s.peer.disconnect(new Disconnect(Disconnect.Kind.PROTOCOL_VIOLATION,
                        "mempool request with bloom filters disabled"));
            }
            return;
        }
        PeerVersion v = s.peer.version();
        if (v == null || !v.relay()) {
            return;
        }
        List<Mempool.Entry> entries = mempool.entries();
        synchronized (s) {
            for (Mempool.Entry e : entries) {
                s.pending.add(e.tx().txid());
            }
        }
    }

    /** A transaction entered the mempool (from a peer, RPC or a wallet): queue it for every peer that relays. */
    private void added(Transaction tx) {
        txidOfWtxid.put(tx.wtxid(), tx.txid());
        for (PeerState s : peers.values()) {
            PeerVersion v = s.peer.version();
            if (v == null || !v.relay()) {
                continue;
            }
            synchronized (s) {
                Hash256 announced = s.peer.features().wtxidRelay() ? tx.wtxid() : tx.txid();
                if (!s.known.contains(announced)) {
                    s.pending.add(tx.txid());
                }
            }
        }
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            requested.values().removeIf(t -> now - t > REQUEST_TIMEOUT_NANOS);
            for (PeerState s : peers.values()) {
                if (now - s.nextTrickle >= 0) {
                    Duration mean = s.peer.type().inbound() ? trickle.inbound() : trickle.outbound();
                    // Poisson-distributed send times, as Core's rand_exp_duration: timing says little about origin.
                    double delay = -Math.log(1 - ThreadLocalRandom.current().nextDouble()) * mean.toNanos();
                    s.nextTrickle = now + (long) delay;
                    announce(s);
                }
            }
            synchronized (orphans) {
                orphans.expire(now);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "transaction relay timer failed", e);
        }
    }

    private void announce(PeerState s) {
        boolean wtxid = s.peer.features().wtxidRelay();
        long feeFilter = s.peer.features().feeFilter();
        List<Hash256> batch = new ArrayList<>();
        synchronized (s) {
            for (Iterator<Hash256> it = s.pending.iterator(); it.hasNext() && batch.size() < MAX_INV_PER_TRICKLE;) {
                batch.add(it.next());
                it.remove();
            }
        }
        // The mempool is read outside the peer's lock: mempool listeners run under the chain lock and take it.
        List<Mempool.Entry> entries = new ArrayList<>();
        for (Hash256 txid : batch) {
            Mempool.Entry e = mempool.get(txid);
            // Gone meanwhile (mined, replaced) or below the peer's fee filter (a fee rate per kvB, as Core's).
            if (e != null && (feeFilter <= 0 || e.fee() * 1000 >= feeFilter * (long) e.vsize())) {
                entries.add(e);
            }
        }
        List<InvVector> inv = new ArrayList<>();
        synchronized (s) {
            for (Mempool.Entry e : entries) {
                Hash256 hash = wtxid ? e.tx().wtxid() : e.tx().txid();
                if (s.known.add(hash)) {
                    inv.add(new InvVector(wtxid ? InvVector.MSG_WTX : InvVector.MSG_TX, Hashes.of(hash)));
                }
            }
        }
        if (!inv.isEmpty()) {
            s.peer.send(new InventoryMessage(InventoryMessage.INV, inv));
        }
    }

    private boolean alreadyHave(Hash256 hash) {
        if (mempool.contains(hash) || txidOfWtxid.containsKey(hash) || rejects.contains(hash)) {
            return true;
        }
        synchronized (orphans) {
            return orphans.contains(hash);
        }
    }

    private void onInv(PeerState s, InventoryMessage inv) {
        boolean wtxid = s.peer.features().wtxidRelay();
        List<InvVector> wanted = new ArrayList<>();
        long now = System.nanoTime();
        for (InvVector e : inv.entries()) {
            int type = e.type() & ~InvVector.MSG_WITNESS_FLAG;
            // Core ignores txid announcements from a wtxid-relay peer and wtxid ones from the others.
            if (type != (wtxid ? InvVector.MSG_WTX : InvVector.MSG_TX)) {
                continue;
            }
            Hash256 hash = Hashes.of(e.hash());
            synchronized (s) {
                s.known.add(hash);
            }
            if (!alreadyHave(hash) && requested.putIfAbsent(hash, now) == null) {
                wanted.add(new InvVector(wtxid ? InvVector.MSG_WTX : InvVector.MSG_TX | InvVector.MSG_WITNESS_FLAG,
                        e.hash()));
            }
        }
        if (!wanted.isEmpty()) {
            s.peer.send(new InventoryMessage(InventoryMessage.GETDATA, wanted));
        }
    }

    private void onGetData(PeerState s, InventoryMessage request) {
        List<InvVector> notFound = new ArrayList<>();
        for (InvVector e : request.entries()) {
            int type = e.type() & ~InvVector.MSG_WITNESS_FLAG;
            if (type != InvVector.MSG_TX && type != InvVector.MSG_WTX) {
                continue; // blocks are BlockSync's
            }
            Hash256 hash = Hashes.of(e.hash());
            Hash256 txid = type == InvVector.MSG_WTX ? txidOfWtxid.get(hash) : hash;
            Mempool.Entry entry = txid == null ? null : mempool.get(txid);
            if (entry == null) {
                notFound.add(e);
                continue;
            }
            boolean witness = type == InvVector.MSG_WTX || (e.type() & InvVector.MSG_WITNESS_FLAG) != 0;
            byte[] bytes = witness ? entry.tx().toBytes() : entry.tx().toBytesNoWitness();
            s.peer.send(new RawMessage(RawMessage.TX, Bytes.wrap(bytes)));
        }
        if (!notFound.isEmpty()) {
            s.peer.send(new InventoryMessage(InventoryMessage.NOTFOUND, notFound));
        }
    }

    private void onTx(PeerState s, RawMessage message) {
        Transaction tx;
        try {
            tx = Transaction.fromBytes(message.payload().toByteArray());
        } catch (RuntimeException e) {
            // Core drops a message that fails to deserialize and keeps the peer.
            LOG.log(Level.DEBUG, "{0}: undecodable tx dropped: {1}", s.peer, e.getMessage());
            return;
        }
        synchronized (s) {
            s.known.add(tx.txid());
            s.known.add(tx.wtxid());
        }
        requested.remove(tx.txid());
        requested.remove(tx.wtxid());
        if (mempool.contains(tx.txid()) || rejects.contains(tx.wtxid())) {
            return;
        }
        accept(tx, s);
    }

    /** Tries {@code tx}; on success the orphans it unlocks follow, on missing inputs it waits as an orphan. */
    private void accept(Transaction first, PeerState from) {
        List<Transaction> work = new ArrayList<>(List.of(first));
        while (!work.isEmpty()) {
            Transaction tx = work.remove(0);
            try {
                mempool.accept(tx, false);
                synchronized (orphans) {
                    orphans.remove(tx.wtxid());
                    work.addAll(orphans.childrenOf(tx));
                }
            } catch (ValidationException e) {
                if (e.reason().equals("missing-inputs")) {
                    if (tx == first) {
                        holdOrphan(tx, from);
                    }
                } else if (!e.reason().equals("txn-already-in-mempool") && !e.reason().equals("txn-already-known")) {
                    // Core (since v30, PR 33050) never punishes a peer for a transaction, consensus-invalid ones
                    // included: validity may depend on our chain and policy, and punishing splits the network.
                    LOG.log(Level.DEBUG, "{0}: tx {1} rejected: {2}", from.peer, tx.txid(), e.getMessage());
                    rejects.add(tx.wtxid());
                    synchronized (orphans) {
                        orphans.remove(tx.wtxid());
                    }
                }
            }
        }
    }

    private void holdOrphan(Transaction tx, PeerState from) {
        List<InvVector> parents = new ArrayList<>();
        for (TxIn in : tx.inputs()) {
            Hash256 parent = in.prevout().txid();
            if (rejects.contains(parent)) {
                // Core: a parent we rejected will not arrive; the orphan is rejected too.
                rejects.add(tx.wtxid());
                return;
            }
            InvVector want = new InvVector(InvVector.MSG_TX | InvVector.MSG_WITNESS_FLAG, Hashes.of(parent));
            if (!alreadyHave(parent) && !parents.contains(want)
                    && requested.putIfAbsent(parent, System.nanoTime()) == null) {
                parents.add(want);
            }
        }
        synchronized (orphans) {
            orphans.add(tx, from.peer.id(), System.nanoTime());
        }
        if (!parents.isEmpty()) {
            from.peer.send(new InventoryMessage(InventoryMessage.GETDATA, parents));
        }
    }

    @Override
    public void close() {
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
}

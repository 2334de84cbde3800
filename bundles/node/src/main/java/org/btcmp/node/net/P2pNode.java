package org.btcmp.node.net;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.btcmp.node.chain.ChainState;

/**
 * The node's P2P side as one piece (Core's CConnman plus PeerManager as the node sees them): the connection
 * manager, block sync, address manager and ban list, the outbound connections that -connect, -addnode, the
 * addnode RPC and the address manager ask for, and network activity on or off. What the net RPCs and the Node
 * interface act on.
 */
public final class P2pNode implements PeerListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(P2pNode.class.getName());
    /** Core's MAX_FEELER_CONNECTIONS. */
    private static final int MAX_FEELERS = 1;
    /** How often queued addresses are looked at (each peer's own random interval decides when they go). */
    private static final long ADDR_SEND_TICK_MILLIS = 100;
    /** Core's ThreadOpenConnections: address picks per connection attempt, and picks before a recent one. */
    private static final int MAX_SELECT_TRIES = 100;
    private static final int RECENT_TRY_PICKS = 30;
    /** How often missing outbound connections are opened. */
    private static final long CONNECT_INTERVAL_MILLIS = 1000;
    /** How often the address file is written (Core: DUMP_PEERS_INTERVAL, 15 minutes). */
    private static final long SAVE_EVERY_TICKS = 15 * 60;

    private final P2pSettings settings;
    private final LocalNode local;
    private final P2pNetwork network;
    private final LongSupplier clock;
    private final ChainState chain;
    /** -asmap, or null. */
    private final Asmap asmap;
    private final BlockSync sync;
    private final List<PeerListener> more = new CopyOnWriteArrayList<>();
    private final AddrMan addrMan;
    private final BanList bans;
    private final ConnectionManager net;
    private final Set<String> addedNodes = new LinkedHashSet<>();
    /** Added nodes to connect to over BIP324 (addnode's v2transport). */
    private final Set<String> v2Targets = ConcurrentHashMap.newKeySet();
    private final Map<String, Peer> manualPeers = new ConcurrentHashMap<>();
    private final Map<Long, String> peerNames = new ConcurrentHashMap<>();
    private final AddrRelay addrRelay;
    private final Outbound outbound;
    /** When the next feeler may start (Core: a random interval averaging FEELER_INTERVAL), nanoseconds. */
    private volatile long nextFeeler;
    private final List<InetSocketAddress> listening = new CopyOnWriteArrayList<>();
    private final List<Consumer<Integer>> connectionCountListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Boolean>> networkActiveListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService connector;
    private final List<Thread> connectorThreads = new CopyOnWriteArrayList<>();
    private volatile boolean networkActive;
    private volatile int lastCount;
    private long ticks;

    /**
     * Core's automatic outbound slots and timing: full-relay and block-relay-only connections, and how often a
     * feeler probes an address of the "new" table.
     */
    record Outbound(int fullRelay, int blockRelay, java.time.Duration feelerInterval, java.time.Duration addrSend) {
        /** MAX_OUTBOUND_FULL_RELAY_CONNECTIONS 8, MAX_BLOCK_RELAY_ONLY_CONNECTIONS 2, FEELER_INTERVAL 2 min. */
        static final Outbound CORE = new Outbound(8, 2, java.time.Duration.ofMinutes(2),
                AddrRelay.CORE_SEND_INTERVAL);
    }

    /**
     * @param networkDir where the address and ban files live
     * @param clock seconds since the epoch (mock time included): ban expiry and address times
     */
    public P2pNode(LocalNode local, P2pSettings settings, PeerTimeouts timeouts, ChainState chain, Path networkDir,
            LongSupplier clock) throws IOException {
        this(local, settings, timeouts, chain, networkDir, clock, Outbound.CORE);
    }

    P2pNode(LocalNode local, P2pSettings settings, PeerTimeouts timeouts, ChainState chain, Path networkDir,
            LongSupplier clock, Outbound outbound) throws IOException {
        this.settings = settings;
        this.outbound = outbound;
        this.chain = chain;
        if (settings.minimumChainWork() != null) {
            chain.setMinimumChainWork(settings.minimumChainWork());
        }
        // -v2transport: Core advertises NODE_P2P_V2 and accepts BIP324 connections (v1 peers still recognized).
        this.local = settings.v2Transport() ? local.withServices(local.services() | ServiceFlags.NODE_P2P_V2) : local;
        this.network = this.local.network();
        this.clock = clock;
        this.asmap = settings.asmap() == null ? null : loadAsmap(networkDir.resolve(settings.asmap()));
        this.addrMan = new AddrMan(networkDir.resolve(AddrMan.FILE_NAME), clock,
                network == P2pNetwork.REGTEST, asmap);
        this.bans = new BanList(networkDir.resolve(BanList.FILE_NAME), clock);
        this.networkActive = settings.networkActive();
        this.sync = new BlockSync(chain);
        int maxInbound = Math.max(0, settings.maxConnections() - maxFullRelay() - maxBlockRelay() - MAX_FEELERS);
        this.net = new ConnectionManager(this.local, timeouts, maxInbound, this, bans::isBanned);
        this.addrRelay = new AddrRelay(addrMan, clock, a -> bans.isBanned(a) || net.discouraged().contains(a),
                new LocalAddresses(settings, this::listenPort), outbound.addrSend());
        net.setV2Inbound(settings.v2Transport());
        net.setAcceptingInbound(networkActive);
        net.setWhitelist(settings.whitelist());
        net.setV1RetryListener(this::retriedInV1);
        synchronized (addedNodes) {
            addedNodes.addAll(settings.addNodes());
        }
        // Core: -connect and -addnode targets are tried in v2 under -v2transport (v1 retried on failure).
        if (settings.v2Transport()) {
            v2Targets.addAll(settings.connect());
            v2Targets.addAll(settings.addNodes());
        }
        this.connector = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "net-connector");
            connectorThreads.add(t);
            return t;
        });
    }

    /** Listens (when -listen) and starts opening outbound connections. */
    public void start() throws IOException {
        if (settings.listen()) {
            List<InetSocketAddress> binds = new ArrayList<>();
            for (String b : settings.binds()) {
                binds.add(resolve(b, settings.port()));
            }
            if (binds.isEmpty()) {
                binds.add(new InetSocketAddress(settings.port()));
            }
            for (InetSocketAddress b : binds) {
                try {
                    listening.add(net.listen(b));
                } catch (IOException e) {
                    throw new IOException("Unable to bind to " + hostPort(b) + " on this computer. Bitcoin Core is "
                            + "probably already running. (" + e.getMessage() + ")", e);
                }
            }
        }
        nextFeeler = System.nanoTime() + exponential(outbound.feelerInterval().toNanos());
        connector.scheduleWithFixedDelay(this::connectTick, 0, CONNECT_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        connector.scheduleWithFixedDelay(this::addrTick, ADDR_SEND_TICK_MILLIS, ADDR_SEND_TICK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * A further layer told of every peer event after block sync (transaction relay, compact blocks); closed with
     * this node when it is AutoCloseable.
     */
    public void addListener(PeerListener listener) {
        more.add(listener);
    }

    public BlockSync blockSync() {
        return sync;
    }

    public ConnectionManager connections() {
        return net;
    }

    public AddrMan addrMan() {
        return addrMan;
    }

    public BanList bans() {
        return bans;
    }

    /** The protocol version this node announces. */
    public int protocolVersion() {
        return ProtocolLimits.PROTOCOL_VERSION;
    }

    public LocalNode local() {
        return local;
    }

    public P2pSettings settings() {
        return settings;
    }

    public P2pNetwork network() {
        return network;
    }

    /** The addresses listened on (ports resolved when -port=0). */
    public List<InetSocketAddress> listening() {
        return List.copyOf(listening);
    }

    public List<Peer> peers() {
        return net.peers();
    }

    /** Core's m_addr_name: the name given to -connect/-addnode/addnode, else the peer's ip:port. */
    public String addressName(Peer peer) {
        String name = peerNames.get(peer.id());
        return name != null ? name : hostPort(peer.remoteAddress());
    }

    public boolean networkActive() {
        return networkActive;
    }

    /** setnetworkactive: off disconnects every peer and refuses new connections until it is on again. */
    public void setNetworkActive(boolean active) {
        if (networkActive == active) {
            return;
        }
        networkActive = active;
        net.setAcceptingInbound(active);
        LOG.log(Level.DEBUG, "SetNetworkActive: {0}", active);
        if (!active) {
            net.peers().forEach(Peer::disconnect);
        }
        networkActiveListeners.forEach(l -> l.accept(active));
    }

    public Runnable onConnectionCountChanged(Consumer<Integer> listener) {
        connectionCountListeners.add(listener);
        return () -> connectionCountListeners.remove(listener);
    }

    public Runnable onNetworkActiveChanged(Consumer<Boolean> listener) {
        networkActiveListeners.add(listener);
        return () -> networkActiveListeners.remove(listener);
    }

    /** addnode add: false when already added. */
    public boolean addNode(String target) {
        return addNode(target, false);
    }

    /** addnode add with its v2transport argument: the connection kept up is BIP324 when {@code v2}. */
    public boolean addNode(String target, boolean v2) {
        synchronized (addedNodes) {
            if (!addedNodes.add(target)) {
                return false;
            }
            if (v2) {
                v2Targets.add(target);
            }
            return true;
        }
    }

    /** addnode remove: false when it was not added. */
    public boolean removeNode(String target) {
        synchronized (addedNodes) {
            v2Targets.remove(target);
            return addedNodes.remove(target);
        }
    }

    public List<String> addedNodes() {
        synchronized (addedNodes) {
            return List.copyOf(addedNodes);
        }
    }

    /** The live connection made for an added node or -connect target (its v1 retry included), if any. */
    public Optional<Peer> manualPeer(String target) {
        Peer p = manualPeers.get(target);
        while (p != null && p.v1Retry() != null) {
            p = p.v1Retry();
        }
        return p != null && p.disconnectReason() == null ? Optional.of(p) : Optional.empty();
    }

    /** A failed v2 attempt reopened in v1 keeps the name it was opened under. */
    private void retriedInV1(Peer failed, Peer retry) {
        String name = peerNames.get(failed.id());
        if (name != null) {
            peerNames.put(retry.id(), name);
        }
    }

    /** addnode onetry: one connection attempt now, not kept up. */
    public Peer connectOnce(String target) throws IOException {
        return connectOnce(target, false);
    }

    /** addnode onetry with its v2transport argument. */
    public Peer connectOnce(String target, boolean v2) throws IOException {
        if (!networkActive) {
            throw new IOException("network activity is disabled");
        }
        return openManual(target, v2);
    }

    /** disconnectnode by address: false when no peer has that address name. */
    public boolean disconnect(String addressName) {
        boolean found = false;
        for (Peer p : net.peers()) {
            if (addressName(p).equals(addressName)) {
                p.disconnect();
                found = true;
            }
        }
        return found;
    }

    /** disconnectnode by id: false when no such peer is connected. */
    public boolean disconnect(long id) {
        for (Peer p : net.peers()) {
            if (p.id() == id) {
                p.disconnect();
                return true;
            }
        }
        return false;
    }

    /** setban add: false when already banned; connected peers in the subnet are disconnected. */
    public boolean ban(Subnet subnet, long until) throws IOException {
        if (!bans.add(subnet, until)) {
            return false;
        }
        for (Peer p : net.peers()) {
            if (subnet.contains(p.remoteAddress().getAddress())) {
                p.disconnect();
            }
        }
        return true;
    }

    /** Bytes received from every peer since start. */
    public long totalBytesReceived() {
        return net.totalBytesReceived();
    }

    public long totalBytesSent() {
        return net.totalBytesSent();
    }

    @Override
    public void handshakeComplete(Peer peer) {
        if (!peer.type().inbound()) {
            addrMan.good(peer.remoteAddress(), peer.version().services(), clock.getAsLong());
        }
        addrRelay.handshakeComplete(peer);
        sync.handshakeComplete(peer);
        more.forEach(l -> l.handshakeComplete(peer));
        countChanged();
    }

    @Override
    public void message(Peer peer, Message message) {
        if (message instanceof AddrMessage || message instanceof AddrV2Message) {
            addrRelay.received(peer, AddrRelay.entries(message));
        } else if (message.equals(EmptyMessage.GETADDR)) {
            addrRelay.getAddr(peer);
        }
        sync.message(peer, message);
        more.forEach(l -> l.message(peer, message));
    }

    @Override
    public void disconnected(Peer peer, Disconnect reason) {
        if (peer.type() == ConnectionType.FEELER && peer.version() != null) {
            // Core marks the address good as the feeler's version arrives; the feeler then hangs up.
            addrMan.good(peer.remoteAddress(), peer.version().services(), clock.getAsLong());
        }
        addrRelay.disconnected(peer);
        peerNames.remove(peer.id());
        sync.disconnected(peer, reason);
        more.forEach(l -> l.disconnected(peer, reason));
        countChanged();
    }

    /** -asmap: the file's map, checked as Core checks it; the errors are Core's. */
    private static Asmap loadAsmap(Path file) throws IOException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IOException("Could not find asmap file " + file);
        }
        try {
            return Asmap.decode(java.nio.file.Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IOException("Could not parse asmap file " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /** getpeerinfo's mapped_as: the peer's AS under -asmap, or 0 without one or when unmapped. */
    public long mappedAs(Peer peer) {
        return asmap == null ? 0 : asmap.lookup(peer.remoteAddress().getAddress());
    }

    /** getpeerinfo's addr_relay_enabled, addr_processed and addr_rate_limited for a connected peer. */
    public Optional<long[]> addrStats(Peer peer) {
        return addrRelay.stats(peer.id()).map(st -> new long[] {st.relayEnabled() ? 1 : 0, st.processed(),
            st.rateLimited()});
    }

    private void addrTick() {
        try {
            addrRelay.sendDue(settings.listen() && !chain.isInitialBlockDownload());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sending addresses failed", e);
        }
    }

    private int listenPort() {
        return listening.isEmpty() ? settings.port() : listening.get(0).getPort();
    }

    private int maxFullRelay() {
        return Math.min(outbound.fullRelay(), settings.maxConnections());
    }

    private int maxBlockRelay() {
        return Math.min(outbound.blockRelay(), Math.max(0, settings.maxConnections() - maxFullRelay()));
    }

    private static long exponential(long mean) {
        return (long) (-Math.log1p(-java.util.concurrent.ThreadLocalRandom.current().nextDouble()) * mean);
    }

    private void countChanged() {
        int count = net.peers().size();
        if (count != lastCount) {
            lastCount = count;
            connectionCountListeners.forEach(l -> l.accept(count));
        }
    }

    private void connectTick() {
        try {
            if (++ticks % SAVE_EVERY_TICKS == 0) {
                addrMan.save();
            }
            if (!networkActive) {
                return;
            }
            List<String> targets = new ArrayList<>(settings.connect());
            targets.addAll(addedNodes());
            for (String target : targets) {
                if (manualPeer(target).isEmpty() && networkActive) {
                    try {
                        openManual(target, v2Targets.contains(target));
                    } catch (IOException | IllegalArgumentException e) {
                        LOG.log(Level.DEBUG, "connecting to {0} failed: {1}", target, e.getMessage());
                    }
                }
            }
            if (settings.automaticOutbound()) {
                openAutomatic();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "opening connections failed", e);
        }
    }

    private Peer openManual(String target, boolean v2) throws IOException {
        InetSocketAddress address = resolve(target, network.defaultPort());
        Peer peer = net.connect(address, ConnectionType.MANUAL, v2);
        peerNames.put(peer.id(), target);
        manualPeers.put(target, peer);
        // A v1 retry made before the names were recorded gets them here (retriedInV1 covers the later ones).
        for (Peer p = peer.v1Retry(); p != null; p = p.v1Retry()) {
            peerNames.put(p.id(), target);
        }
        return peer;
    }

    /**
     * Core's ThreadOpenConnections, one attempt per tick: full-relay slots first, then block-relay-only ones, then
     * (once both are full) a feeler whenever its random interval has passed; the feeler probes the "new" table.
     */
    private void openAutomatic() {
        long fullRelay = 0;
        long blockRelay = 0;
        long feelers = 0;
        for (Peer p : net.peers()) {
            switch (p.type()) {
                case OUTBOUND_FULL_RELAY -> fullRelay++;
                case BLOCK_RELAY -> blockRelay++;
                case FEELER -> feelers++;
                default -> { }
            }
        }
        ConnectionType type;
        if (fullRelay < maxFullRelay()) {
            type = ConnectionType.OUTBOUND_FULL_RELAY;
        } else if (blockRelay < maxBlockRelay()) {
            type = ConnectionType.BLOCK_RELAY;
        } else if (feelers < MAX_FEELERS && System.nanoTime() - nextFeeler > 0) {
            nextFeeler = System.nanoTime() + exponential(outbound.feelerInterval().toNanos());
            type = ConnectionType.FEELER;
        } else {
            return;
        }
        Set<InetSocketAddress> connected = new java.util.HashSet<>();
        net.peers().forEach(p -> connected.add(p.remoteAddress()));
        // Core: persistent outbound connections (manual, full relay, block relay) go to distinct network groups,
        // by AS under -asmap; feelers and inbound peers do not count.
        Set<String> outboundGroups = new java.util.HashSet<>();
        for (Peer p : net.peers()) {
            if (p.type() == ConnectionType.MANUAL || p.type() == ConnectionType.OUTBOUND_FULL_RELAY
                    || p.type() == ConnectionType.BLOCK_RELAY) {
                outboundGroups.add(addrMan.group(p.remoteAddress().getAddress()));
            }
        }
        long now = clock.getAsLong();
        boolean newOnly = type == ConnectionType.FEELER;
        // Core's ThreadOpenConnections: up to 100 picks; one tried in the last 10 minutes only after 30 picks.
        for (int tries = 0; tries < MAX_SELECT_TRIES; tries++) {
            Optional<InetSocketAddress> pick = addrMan.select(a -> connected.contains(a)
                    || (newOnly && addrMan.isTried(a))
                    || (!newOnly && sharesGroup(outboundGroups, a.getAddress()))
                    || bans.isBanned(a.getAddress()) || net.discouraged().contains(a.getAddress())
                    || listening.stream().anyMatch(l -> isSelf(l, a)), now);
            if (pick.isEmpty()) {
                return;
            }
            long lastTry = addrMan.find(pick.get()).map(AddrMan.Entry::lastTry).orElse(0L);
            if (now - lastTry < AddrMan.RETRY_SECONDS && tries < RECENT_TRY_PICKS) {
                continue;
            }
            addrMan.attempt(pick.get(), now);
            try {
                // Core: v2 to an address whose known services include NODE_P2P_V2.
                boolean v2 = settings.v2Transport() && addrMan.find(pick.get())
                        .map(e -> (e.services() & ServiceFlags.NODE_P2P_V2) != 0).orElse(false);
                net.connect(pick.get(), type, v2);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "automatic {0} connection to {1} failed: {2}", type.rpcName(), pick.get(),
                        e.getMessage());
            }
            return;
        }
    }

    /**
     * Whether an outbound connection to this address would share a network group with one we have. Regtest's
     * local addresses (which Core's address manager would not even hold) are exempt, so nodes on one host can
     * still connect to each other automatically.
     */
    private boolean sharesGroup(Set<String> groups, InetAddress ip) {
        if (network == P2pNetwork.REGTEST && !Inet.isRoutable(ip)) {
            return false;
        }
        return groups.contains(addrMan.group(ip));
    }

    private static boolean isSelf(InetSocketAddress listen, InetSocketAddress candidate) {
        return listen.getPort() == candidate.getPort()
                && (listen.getAddress().isAnyLocalAddress() || listen.getAddress().equals(candidate.getAddress()))
                && Inet.isLocal(candidate.getAddress());
    }

    /** {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 literal. */
    static InetSocketAddress resolve(String target, int defaultPort) throws UnknownHostException {
        String host = target.strip();
        int port = defaultPort;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unbalanced [ in " + target);
            }
            String rest = host.substring(close + 1);
            host = host.substring(1, close);
            if (rest.startsWith(":")) {
                port = port(rest.substring(1), target);
            } else if (!rest.isEmpty()) {
                throw new IllegalArgumentException("unexpected text after ] in " + target);
            }
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            port = port(host.substring(host.indexOf(':') + 1), target);
            host = host.substring(0, host.indexOf(':'));
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host in " + target);
        }
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    private static int port(String s, String target) {
        try {
            int p = Integer.parseInt(s);
            if (p > 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid port in " + target);
    }

    /** Core's CService::ToStringAddrPort: {@code 1.2.3.4:8333} or {@code [::1]:8333}. */
    public static String hostPort(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        String host = ip == null ? a.getHostString() : ip.getHostAddress();
        return (ip instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** Stops connecting, closes every connection and writes the address file. */
    @Override
    public void close() throws IOException {
        connector.shutdownNow();
        try {
            connector.awaitTermination(10, TimeUnit.SECONDS);
            for (Thread t : connectorThreads) {
                t.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            net.close();
        } finally {
            sync.close();
            for (PeerListener l : more) {
                if (l instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        LOG.log(Level.WARNING, "closing " + l + " failed", e);
                    }
                }
            }
            addrMan.save();
        }
    }
}

package org.btcmp.node.net;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Core's CConnman for the v1 protocol: outbound connections, listening sockets, the peer table, the timer that
 * drives handshake/ping/inactivity timeouts, and discouragement. {@link #close()} ends every thread it started.
 */
public final class ConnectionManager implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ConnectionManager.class.getName());
    /** Core's -timeout default for establishing an outbound TCP connection. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long close() waits for each thread. */
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    private final LocalNode local;
    private final int maxInbound;
    private final PeerContext context;
    private final Discouraged discouraged = new Discouraged();
    private final Map<Long, Peer> peers = new ConcurrentHashMap<>();
    private final List<Peer> started = new CopyOnWriteArrayList<>();
    private final Set<Long> outboundNonces = ConcurrentHashMap.newKeySet();
    private final Map<Long, Long> nonceOfPeer = new ConcurrentHashMap<>();
    private final List<ServerSocket> listeners = new CopyOnWriteArrayList<>();
    private final List<Thread> acceptors = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicLong closedBytesReceived = new AtomicLong();
    private final AtomicLong closedBytesSent = new AtomicLong();
    private final Predicate<InetAddress> banned;
    private volatile boolean acceptingInbound = true;
    private volatile List<Whitelist> whitelist = List.of();
    private volatile boolean v2Inbound;
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService timer;
    /** The executor's threads: termination is reported before they have exited, so close() joins them too. */
    private final List<Thread> timerThreads = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    /** Addresses whose v2 attempt failed as a v1 node's does: connected in v1 from then on. */
    private final Set<InetSocketAddress> v1Only = ConcurrentHashMap.newKeySet();
    /** Threads reopening failed v2 attempts in v1 (connecting blocks, so never on a peer's or the timer's). */
    private final List<Thread> retryThreads = new CopyOnWriteArrayList<>();
    private volatile BiConsumer<Peer, Peer> v1RetryListener = (failed, retry) -> { };

    public ConnectionManager(LocalNode local, PeerTimeouts timeouts, int maxInbound, PeerListener listener) {
        this(local, timeouts, maxInbound, listener, address -> false);
    }

    /** @param banned addresses whose inbound connections are refused (setban) */
    public ConnectionManager(LocalNode local, PeerTimeouts timeouts, int maxInbound, PeerListener listener,
            Predicate<InetAddress> banned) {
        this.local = local;
        this.banned = banned;
        this.maxInbound = maxInbound;
        this.context = new PeerContext(timeouts, listener, discouraged, outboundNonces::contains, this::closed);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "net-timer");
            timerThreads.add(t);
            return t;
        });
        long tick = timeouts.tick().toNanos();
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.NANOSECONDS);
    }

    public Discouraged discouraged() {
        return discouraged;
    }

    public List<Peer> peers() {
        return List.copyOf(peers.values());
    }

    /**
     * -v2transport for inbound connections: accept BIP324 handshakes (a v1 peer is still recognized by its first
     * bytes and served as before).
     */
    public void setV2Inbound(boolean on) {
        v2Inbound = on;
    }

    /** Told of each failed v2 attempt and the v1 connection that replaces it, after the latter started. */
    public void setV1RetryListener(BiConsumer<Peer, Peer> listener) {
        v1RetryListener = listener;
    }

    /** Whether an outbound v2 attempt to this address failed as a v1 node's does (v1 is used from then on). */
    public boolean isV1Only(InetSocketAddress address) {
        return v1Only.contains(address);
    }

    /** -whitelist: permissions for inbound peers and manual connections by address. */
    public void setWhitelist(List<Whitelist> entries) {
        whitelist = List.copyOf(entries);
    }

    /** setnetworkactive: while false, inbound connections are closed as they arrive. */
    public void setAcceptingInbound(boolean accepting) {
        acceptingInbound = accepting;
    }

    /** Bytes received from every peer since start, closed connections included. */
    public long totalBytesReceived() {
        return closedBytesReceived.get() + peers.values().stream().mapToLong(Peer::bytesReceived).sum();
    }

    /** Bytes sent to every peer since start, closed connections included. */
    public long totalBytesSent() {
        return closedBytesSent.get() + peers.values().stream().mapToLong(Peer::bytesSent).sum();
    }

    /** Listens for inbound peers; returns the bound address (port 0 picks a free one). */
    public InetSocketAddress listen(InetSocketAddress bind) throws IOException {
        ensureOpen();
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(bind);
        listeners.add(server);
        Thread acceptor = new Thread(() -> acceptLoop(server), "net-listen-" + server.getLocalPort());
        acceptors.add(acceptor);
        acceptor.start();
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Opens an outbound v1 connection and starts the handshake; await it with {@link Peer#awaitHandshake}. */
    public Peer connect(InetSocketAddress remote, ConnectionType type) throws IOException {
        return connect(remote, type, false);
    }

    /**
     * Opens an outbound connection, BIP324 v2 when {@code v2} unless the address is known to be v1-only. A v2
     * attempt that the peer ends as a v1 node does is reopened once in v1 (Core's reconnection with
     * use_v2transport=false), see {@link Peer#v1Retry()}, and the address is remembered as v1-only.
     */
    public Peer connect(InetSocketAddress remote, ConnectionType type, boolean v2) throws IOException {
        if (type.inbound()) {
            throw new IllegalArgumentException("an outbound connection cannot be of type " + type);
        }
        ensureOpen();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(remote, (int) CONNECT_TIMEOUT.toMillis());
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot connect to " + remote + ": " + e.getMessage(), e);
        }
        long nonce = newNonce();
        outboundNonces.add(nonce);
        return startPeer(type, socket, nonce, v2 && !v1Only.contains(remote));
    }

    private void acceptLoop(ServerSocket server) {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "accept failed: {0}", e);
                continue;
            }
            try {
                accept(socket);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "inbound connection failed: {0}", e);
            }
        }
    }

    private void accept(Socket socket) throws IOException {
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        long inbound = peers.values().stream().filter(p -> p.type().inbound()).count();
        // Core lets noban peers in even when banned or discouraged.
        boolean noban = Whitelist.permissionsOf(whitelist, remote.getAddress(), true).contains(NetPermission.NOBAN);
        if (closed || !acceptingInbound || inbound >= maxInbound || (!noban && banned.test(remote.getAddress()))
                || (!noban && inbound + 1 >= maxInbound && discouraged.contains(remote.getAddress()))) {
            LOG.log(Level.DEBUG, "connection from {0} dropped (inactive, full, banned or discouraged)", remote);
            socket.close();
            return;
        }
        socket.setTcpNoDelay(true);
        startPeer(ConnectionType.INBOUND, socket, newNonce(), v2Inbound);
    }

    private Peer startPeer(ConnectionType type, Socket socket, long nonce, boolean v2) throws IOException {
        InetAddress address = ((InetSocketAddress) socket.getRemoteSocketAddress()).getAddress();
        Set<NetPermission> permissions = switch (type) {
            case INBOUND -> Whitelist.permissionsOf(whitelist, address, true);
            case MANUAL -> Whitelist.permissionsOf(whitelist, address, false);
            case OUTBOUND_FULL_RELAY, BLOCK_RELAY, FEELER -> Set.of();
        };
        Peer peer = new Peer(nextId.getAndIncrement(), type, socket, local, nonce, context, permissions, v2);
        peers.put(peer.id(), peer);
        started.add(peer);
        nonceOfPeer.put(peer.id(), nonce);
        peer.start();
        if (closed) {
            peer.disconnect();
        }
        return peer;
    }

    private void closed(Peer peer) {
        if (peers.remove(peer.id()) != null) {
            closedBytesReceived.addAndGet(peer.bytesReceived());
            closedBytesSent.addAndGet(peer.bytesSent());
        }
        Long nonce = nonceOfPeer.remove(peer.id());
        if (nonce != null) {
            outboundNonces.remove(nonce);
        }
        // Core reconnects only while the network is active.
        if (!closed && acceptingInbound && peer.shouldReconnectV1()) {
            v1Only.add(peer.remoteAddress());
            Thread retry = new Thread(() -> retryInV1(peer), "net-v1-retry-" + peer.id());
            retryThreads.removeIf(t -> !t.isAlive());
            retryThreads.add(retry);
            retry.start();
        }
    }

    private void retryInV1(Peer failed) {
        LOG.log(Level.DEBUG, "retrying with v1 transport protocol for peer={0}", failed.id());
        try {
            Peer retry = connect(failed.remoteAddress(), failed.type(), false);
            failed.setV1Retry(retry);
            v1RetryListener.accept(failed, retry);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.DEBUG, "v1 retry of peer={0} failed: {1}", failed.id(), e.getMessage());
        }
    }

    private void tick() {
        started.removeIf(Peer::finished);
        for (Peer peer : peers.values()) {
            try {
                peer.tick();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "timer failed for " + peer, e);
            }
        }
    }

    private long newNonce() {
        long n;
        do {
            n = random.nextLong();
        } while (n == 0);
        return n;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("connection manager is closed");
        }
    }

    /** Stops listening, disconnects every peer and waits for all threads to end. */
    @Override
    public void close() {
        closed = true;
        for (ServerSocket server : listeners) {
            try {
                server.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing a listening socket failed: {0}", e);
            }
        }
        timer.shutdownNow();
        List<String> stuck = new ArrayList<>();
        try {
            for (Thread retry : retryThreads) {
                retry.join(JOIN_TIMEOUT.toMillis());
                if (retry.isAlive()) {
                    stuck.add(retry.getName());
                }
            }
            for (Thread acceptor : acceptors) {
                acceptor.join(JOIN_TIMEOUT.toMillis());
                if (acceptor.isAlive()) {
                    stuck.add(acceptor.getName());
                }
            }
            for (Peer peer : started) {
                peer.disconnect();
            }
            for (Peer peer : started) {
                if (!peer.join(JOIN_TIMEOUT)) {
                    stuck.add(peer.toString());
                }
            }
            timer.awaitTermination(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (Thread t : timerThreads) {
                t.join(JOIN_TIMEOUT.toMillis());
                if (t.isAlive()) {
                    stuck.add(t.getName());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        started.clear();
        if (!stuck.isEmpty()) {
            throw new IllegalStateException("threads did not stop: " + stuck);
        }
    }
}

package org.btcmp.node.net;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One connection to a peer: a receive thread that frames and handles messages, a send thread that drains the
 * outbox (so a peer that stops reading blocks only its own sender), and the {@link PeerProtocol} state.
 * Closing the socket ends both threads.
 */
public final class Peer {
    private static final System.Logger LOG = System.getLogger(Peer.class.getName());
    private static final byte[] END_OF_OUTBOX = new byte[0];

    private final long id;
    private final ConnectionType type;
    private final Set<NetPermission> permissions;
    private final Socket socket;
    private final InetSocketAddress remote;
    /** v1 until a BIP324 handshake replaces it (on the receive thread, before the protocol starts). */
    private volatile MessageTransport transport;
    /** Whether this connection opens with a BIP324 handshake (outbound) or detects one (inbound). */
    private final boolean v2;
    private final LocalNode local;
    private final Object sendLock = new Object();
    private final PeerProtocol protocol;
    private final ProtocolActions actions;
    private final PeerListener listener;
    private final Discouraged discouraged;
    private final Consumer<Peer> onClosed;
    private final BlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();
    private final AtomicReference<Disconnect> disconnect = new AtomicReference<>();
    private final CountDownLatch handshake = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final long connectedAtMillis = System.currentTimeMillis();
    private final Map<String, LongAdder> sentPerMessage = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> receivedPerMessage = new ConcurrentHashMap<>();
    private volatile long lastReceiveMillis;
    private volatile long lastSendMillis;
    private final Thread receiver;
    private final Thread sender;
    private volatile String lastDropped;
    /** Set once a v2 handshake (or an inbound peer's v1 prefix) decided the transport. */
    private volatile boolean transportSettled;
    /** Bytes of our BIP324 key and garbage written (Core reconnects in v1 only after a v1 header's worth). */
    private final AtomicLong handshakeBytesSent = new AtomicLong();
    /** The peer answered our v2 key with a v1 message. */
    private volatile boolean answeredV1;
    /** The v1 connection that replaced this failed v2 attempt, once made. */
    private volatile Peer v1Retry;
    /** Listener calls decided under the protocol lock, made after it is released (the chain takes its own). */
    private final List<Runnable> events = new ArrayList<>();

    /**
     * @param v2 outbound: open with a BIP324 handshake; inbound: accept one, falling back to v1 when the peer's
     *     first bytes are v1's
     */
    Peer(long id, ConnectionType type, Socket socket, LocalNode local, long nonce, PeerContext context,
            Set<NetPermission> permissions, boolean v2) {
        this.id = id;
        this.v2 = v2;
        this.local = local;
        this.permissions = Set.copyOf(permissions);
        this.type = type;
        this.socket = socket;
        this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.transport = new V1Transport(local.network());
        this.listener = context.listener();
        this.discouraged = context.discouraged();
        this.onClosed = context.onClosed();
        this.actions = new ProtocolActions();
        this.protocol = new PeerProtocol(local, type, remote, nonce, context.ownNonce(), context.timeouts(),
                actions, System.nanoTime());
        this.receiver = new Thread(this::receiveLoop, "net-peer-" + id + "-recv");
        this.sender = new Thread(this::sendLoop, "net-peer-" + id + "-send");
    }

    void start() {
        sender.start();
        if (!v2) {
            synchronized (protocol) {
                protocol.start();
            }
        }
        receiver.start();
    }

    /**
     * getpeerinfo's transport_protocol_type as Core reports it: "v2" for a BIP324 connection (outbound ones from
     * the start), "detecting" while an inbound one has not shown which it is, else "v1".
     */
    public String transportProtocol() {
        if (v2 && !transportSettled) {
            return type.inbound() ? "detecting" : "v2";
        }
        return transport.protocolType();
    }

    /**
     * Core's ShouldReconnectV1, once the connection has ended: our outbound v2 attempt sent at least a v1 header's
     * worth of bytes and the peer hung up (or timed out) without sending anything, as a v1 node does on a bad
     * magic. Also when the peer answered in v1 framing, which Core does not check (bcoin answers so).
     */
    boolean shouldReconnectV1() {
        if (type.inbound() || !v2 || transportSettled) {
            return false;
        }
        return answeredV1 || (bytesReceived.get() == 0 && handshakeBytesSent.get() >= V1Transport.HEADER_SIZE);
    }

    /** The v1 connection that replaced this failed v2 attempt (Core's reconnection), or null. */
    public Peer v1Retry() {
        return v1Retry;
    }

    void setV1Retry(Peer retry) {
        v1Retry = retry;
    }

    /** getpeerinfo's session_id: the BIP324 session id in hex, empty for v1. */
    public String sessionId() {
        return transport.sessionId();
    }

    public long id() {
        return id;
    }

    public ConnectionType type() {
        return type;
    }

    /** What -whitelist grants this connection (getpeerinfo's permissions). */
    public Set<NetPermission> permissions() {
        return permissions;
    }

    public boolean hasPermission(NetPermission p) {
        return permissions.contains(p);
    }

    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** Our end of the connection (Core's addrBind). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** The services we announced to this peer. */
    long localServices() {
        return local.services();
    }

    /** Where the peer says it sees us (getpeerinfo's addrlocal), or null before its version. */
    public InetSocketAddress addrLocal() {
        synchronized (protocol) {
            return protocol.addrLocal();
        }
    }

    /** The peer's version message, or null before it arrived. */
    public PeerVersion version() {
        synchronized (protocol) {
            return protocol.peerVersion();
        }
    }

    public PeerFeatures features() {
        synchronized (protocol) {
            return protocol.features();
        }
    }

    public boolean handshakeComplete() {
        return handshake.getCount() == 0;
    }

    /** Round trip of the last answered ping, or null before one. */
    public Duration lastPingTime() {
        long nanos;
        synchronized (protocol) {
            nanos = protocol.lastPingRttNanos();
        }
        return nanos < 0 ? null : Duration.ofNanos(nanos);
    }

    /** The fastest answered ping, or null before one. */
    public Duration minPingTime() {
        long nanos;
        synchronized (protocol) {
            nanos = protocol.minPingRttNanos();
        }
        return nanos < 0 ? null : Duration.ofNanos(nanos);
    }

    /** How long the outstanding ping has waited, or null when none is outstanding. */
    public Duration pingWait() {
        long nanos;
        synchronized (protocol) {
            nanos = protocol.pingWaitNanos(System.nanoTime());
        }
        return nanos < 0 ? null : Duration.ofNanos(nanos);
    }

    /** The ping RPC: a ping goes out on the next timer tick. */
    public void requestPing() {
        synchronized (protocol) {
            protocol.requestPing();
        }
    }

    /** When the connection was made, milliseconds since the epoch. */
    public long connectedAtMillis() {
        return connectedAtMillis;
    }

    /** When bytes last arrived, or 0 before any. */
    public long lastReceiveMillis() {
        return lastReceiveMillis;
    }

    /** When bytes were last written, or 0 before any. */
    public long lastSendMillis() {
        return lastSendMillis;
    }

    /** Bytes sent per message type, headers included (getpeerinfo's bytessent_per_msg). */
    public Map<String, Long> bytesSentPerMessage() {
        return snapshot(sentPerMessage);
    }

    /** Bytes received per message type; unknown types count as {@code *other*}, as in Core. */
    public Map<String, Long> bytesReceivedPerMessage() {
        return snapshot(receivedPerMessage);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static void count(Map<String, LongAdder> counts, String command, long bytes) {
        counts.computeIfAbsent(command, c -> new LongAdder()).add(bytes);
    }

    /** Messages dropped while keeping the peer (Core logs and ignores them). */
    public long droppedMessages() {
        return dropped.get();
    }

    public String lastDroppedReason() {
        return lastDropped;
    }

    public long bytesReceived() {
        return bytesReceived.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    /** Why the connection ended, or null while it is open. */
    public Disconnect disconnectReason() {
        return disconnect.get();
    }

    public boolean awaitHandshake(Duration timeout) throws InterruptedException {
        return handshake.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean awaitDisconnect(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Queues a message; a no-op once disconnected. */
    public void send(Message message) {
        if (disconnect.get() == null) {
            byte[] payload = MessageCodec.encode(message);
            // A v2 cipher counts packets: encoding and queueing happen in one order.
            synchronized (sendLock) {
                byte[] frame = transport.encode(message.command(), payload);
                count(sentPerMessage, message.command(), frame.length);
                outbox.add(frame);
            }
        }
    }

    /** Core's Misbehaving() from a layer above (an invalid block, non-continuous headers). */
    void misbehaving(String reason) {
        actions.misbehaving(reason);
    }

    /** Closes the connection (disconnectnode, shutdown). */
    public void disconnect() {
        close(new Disconnect(Disconnect.Kind.LOCAL, "disconnected locally"));
    }

    /** Closes the connection for a reason of a layer above (a stalled download). */
    void disconnect(Disconnect reason) {
        close(reason);
    }

    /** Waits for both threads to end; true when they did within the timeout. */
    boolean join(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : new Thread[] {receiver, sender}) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(t, left);
            }
        }
        return !receiver.isAlive() && !sender.isAlive();
    }

    /** Disconnected and both threads ended. */
    boolean finished() {
        return disconnect.get() != null && !receiver.isAlive() && !sender.isAlive();
    }

    void tick() {
        if (disconnect.get() == null) {
            synchronized (protocol) {
                protocol.tick(System.nanoTime());
            }
        }
    }

    private void close(Disconnect reason) {
        if (!disconnect.compareAndSet(null, reason)) {
            return;
        }
        LOG.log(Level.DEBUG, "peer={0} {1}: disconnecting: {2} {3}", id, remote, reason.kind(), reason.detail());
        // Leave the peer table before the socket closes, so the receive thread's disconnected() sees it gone.
        onClosed.accept(this);
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "peer={0}: closing the socket failed: {1}", id, e);
        }
        outbox.clear();
        outbox.add(END_OF_OUTBOX);
        // The receive thread tells the listener once it has stopped reading, outside every lock.
    }

    private void receiveLoop() {
        try {
            receiveUntilClosed();
        } finally {
            close(new Disconnect(Disconnect.Kind.LOCAL, "receive loop ended"));
            listener.disconnected(this, disconnect.get());
            closed.countDown();
        }
    }

    private void receiveUntilClosed() {
        try {
            InputStream in = new BufferedInputStream(new ActivityInputStream(socket.getInputStream(),
                    this::onBytes));
            if (v2) {
                in = handshakeV2(in);
                transportSettled = true;
                synchronized (protocol) {
                    protocol.start();
                }
            }
            while (disconnect.get() == null) {
                Frame frame = transport.read(in);
                if (frame == null) {
                    close(new Disconnect(Disconnect.Kind.PEER_CLOSED, "connection closed by peer"));
                    return;
                }
                count(receivedPerMessage, MessageCodec.known(frame.command()) ? frame.command() : "*other*",
                        V1Transport.HEADER_SIZE + (long) frame.payload().length);
                List<Runnable> ready;
                synchronized (protocol) {
                    if (disconnect.get() == null) {
                        protocol.onFrame(frame, System.nanoTime());
                    }
                    ready = List.copyOf(events);
                    events.clear();
                }
                ready.forEach(Runnable::run);
            }
        } catch (FramingException e) {
            close(new Disconnect(Disconnect.Kind.PROTOCOL_VIOLATION, e.getMessage()));
        } catch (V2Handshake.V1AnswerException e) {
            answeredV1 = true;
            close(new Disconnect(Disconnect.Kind.PROTOCOL_VIOLATION, e.getMessage()));
        } catch (EOFException e) {
            close(new Disconnect(Disconnect.Kind.PEER_CLOSED, e.getMessage()));
        } catch (IOException e) {
            close(new Disconnect(Disconnect.Kind.IO_ERROR, "receive failed: " + e.getMessage()));
        } catch (RuntimeException e) {
            // A bug in a handler must cost this peer only, never the node.
            LOG.log(Level.WARNING, "peer=" + id + ": unexpected error while handling a message", e);
            close(new Disconnect(Disconnect.Kind.PROTOCOL_VIOLATION, "internal error: " + e));
        }
    }

    /**
     * BIP324 before anything else is sent: outbound initiates; inbound responds, or takes the v1 path when the
     * first 16 bytes are a v1 version message's (they are replayed to the v1 reader).
     */
    private InputStream handshakeV2(InputStream in) throws IOException {
        byte[] magic = V2Transport.magicBytes(local.network());
        OutputStream out = new java.io.FilterOutputStream(socket.getOutputStream()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                this.out.write(b, off, len);
                handshakeBytesSent.addAndGet(len);
                bytesSent.addAndGet(len);
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }
        };
        java.security.SecureRandom random = new java.security.SecureRandom();
        int garbage = random.nextInt(V2Handshake.MAX_GARBAGE + 1);
        if (!type.inbound()) {
            transport = new V2Transport(V2Handshake.initiate(in, out, magic, random, garbage, List.of()));
            return in;
        }
        V2Handshake.Outcome o = V2Handshake.respond(in, out, magic, random, garbage);
        if (o.session() != null) {
            transport = new V2Transport(o.session());
            return in;
        }
        return new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(o.v1Prefix()), in);
    }

    private void onBytes(int n) {
        bytesReceived.addAndGet(n);
        lastReceiveMillis = System.currentTimeMillis();
        synchronized (protocol) {
            protocol.received(System.nanoTime());
        }
    }

    private void sendLoop() {
        try {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            while (true) {
                byte[] frame = outbox.take();
                if (frame == END_OF_OUTBOX) {
                    return;
                }
                out.write(frame);
                bytesSent.addAndGet(frame.length);
                lastSendMillis = System.currentTimeMillis();
                if (outbox.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            close(new Disconnect(Disconnect.Kind.IO_ERROR, "send failed: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "peer=" + id + " " + type + " " + remote;
    }

    /** The state machine's decisions, applied to this connection. */
    private final class ProtocolActions implements PeerProtocol.Actions {
        @Override
        public void send(Message message) {
            Peer.this.send(message);
        }

        @Override
        public void disconnect(Disconnect reason) {
            close(reason);
        }

        @Override
        public void misbehaving(String reason) {
            Punishment punishment = Punishment.of(type, permissions.contains(NetPermission.NOBAN),
                    remote.getAddress());
            LOG.log(Level.DEBUG, "peer={0}: misbehaving ({1}): {2}", id, punishment, reason);
            if (punishment == Punishment.DISCOURAGE_AND_DISCONNECT) {
                discouraged.add(remote.getAddress());
            }
            if (punishment != Punishment.NONE) {
                close(new Disconnect(Disconnect.Kind.MISBEHAVIOUR, reason));
            }
        }

        @Override
        public void dropped(String reason) {
            dropped.incrementAndGet();
            lastDropped = reason;
            LOG.log(Level.DEBUG, "peer={0}: dropped: {1}", id, reason);
        }

        @Override
        public void handshakeComplete() {
            events.add(() -> {
                handshake.countDown();
                listener.handshakeComplete(Peer.this);
            });
        }

        @Override
        public void deliver(Message message) {
            events.add(() -> {
                if (disconnect.get() == null) {
                    listener.message(Peer.this, message);
                }
            });
        }
    }
}

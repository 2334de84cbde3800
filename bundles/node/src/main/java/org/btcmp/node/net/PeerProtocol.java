package org.btcmp.node.net;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * One peer's protocol state machine, free of I/O: it takes frames and clock ticks and answers through
 * {@link Actions}. The rules follow Core's ProcessMessage: which messages count before version and verack,
 * feature negotiation, keepalive, and which violations are ignored, disconnected or punished. Calls are
 * serialized by the owner (one reader thread plus the timer, under the owner's lock).
 */
final class PeerProtocol {
    private static final System.Logger LOG = System.getLogger(PeerProtocol.class.getName());
    /** MAX_MONEY in satoshis: a fee filter outside [0, MAX_MONEY] is ignored. */
    private static final long MAX_MONEY = 21_000_000L * 100_000_000L;
    /** Compact block version this node offers (BIP152 version 2: segwit). */
    static final long COMPACT_BLOCKS_VERSION = 2;
    /** Messages Core processes between version and verack; everything else is ignored there. */
    private static final Set<String> ALLOWED_BEFORE_VERACK =
            Set.of("version", "verack", "wtxidrelay", "sendaddrv2", "sendtxrcncl");

    /** Where the state machine's decisions go. */
    interface Actions {
        void send(Message message);

        void disconnect(Disconnect reason);

        /** Core's Misbehaving(): the owner applies the punishment policy. */
        void misbehaving(String reason);

        /** A message Core would drop while keeping the peer; counted and logged. */
        void dropped(String reason);

        void handshakeComplete();

        /** A message for the layers above (sync, relay, address manager). */
        void deliver(Message message);
    }

    private final LocalNode local;
    private final ConnectionType type;
    private final InetSocketAddress remote;
    private final long nonce;
    private final LongPredicate ownNonce;
    private final PeerTimeouts timeouts;
    private final Actions actions;
    private final long connectedAt;

    private PeerVersion peerVersion;
    /** The address the peer sees us at (its version's receiver field; getpeerinfo's addrlocal). */
    private InetSocketAddress addrLocal;
    private boolean successfullyConnected;
    private boolean versionSent;
    private PeerFeatures features = PeerFeatures.NONE;
    private long lastReceive;
    private long pingNonce;
    private long pingStart;
    private long lastPingSent = Long.MIN_VALUE;
    private long lastPingRttNanos = -1;
    private long minPingRttNanos = -1;
    private boolean pingQueued;

    /**
     * @param nonce the nonce of our version message
     * @param ownNonce recognizes the nonces of our own outbound version messages (self-connection check)
     * @param now the connection time, in the nanosecond clock that ticks use
     */
    PeerProtocol(LocalNode local, ConnectionType type, InetSocketAddress remote, long nonce, LongPredicate ownNonce,
            PeerTimeouts timeouts, Actions actions, long now) {
        this.local = local;
        this.type = type;
        this.remote = remote;
        this.nonce = nonce;
        this.ownNonce = ownNonce;
        this.timeouts = timeouts;
        this.actions = actions;
        this.connectedAt = now;
        this.lastReceive = now;
    }

    /** Outbound connections speak first. */
    void start() {
        if (!type.inbound()) {
            sendVersion();
        }
    }

    PeerVersion peerVersion() {
        return peerVersion;
    }

    InetSocketAddress addrLocal() {
        return addrLocal;
    }

    PeerFeatures features() {
        return features;
    }

    boolean successfullyConnected() {
        return successfullyConnected;
    }

    /** The round trip of the last answered ping, or -1 before one. */
    long lastPingRttNanos() {
        return lastPingRttNanos;
    }

    /** The fastest answered ping, or -1 before one. */
    long minPingRttNanos() {
        return minPingRttNanos;
    }

    /** How long the outstanding ping has waited, or -1 when none is outstanding. */
    long pingWaitNanos(long now) {
        return pingNonce == 0 ? -1 : now - pingStart;
    }

    /** The ping RPC: the next tick sends a ping unless one is outstanding. */
    void requestPing() {
        pingQueued = true;
    }

    /** Bytes arrived (even mid-message): the connection is not idle. */
    void received(long now) {
        lastReceive = now;
    }

    void onFrame(Frame frame, long now) {
        lastReceive = now;
        String command = frame.command();
        if (frame.rejected()) {
            actions.dropped(frame.rejection());
            return;
        }
        if (peerVersion == null && !command.equals(VersionMessage.COMMAND)) {
            actions.dropped("non-version message before version handshake: " + V1Transport.printable(command));
            return;
        }
        if (!successfullyConnected && peerVersion != null && !ALLOWED_BEFORE_VERACK.contains(command)) {
            actions.dropped("unsupported message prior to verack: " + V1Transport.printable(command));
            return;
        }
        Message message;
        try {
            message = MessageCodec.decode(command, frame.payload());
        } catch (LimitExceededException e) {
            actions.misbehaving(e.getMessage());
            return;
        } catch (MalformedMessageException e) {
            actions.dropped("malformed " + e.getMessage());
            return;
        }
        handle(message, now);
    }

    private void handle(Message message, long now) {
        if (message instanceof VersionMessage v) {
            onVersion(v);
        } else if (message.equals(EmptyMessage.VERACK)) {
            onVerack(now);
        } else if (message.equals(EmptyMessage.WTXIDRELAY)) {
            onWtxidRelay();
        } else if (message.equals(EmptyMessage.SENDADDRV2)) {
            onSendAddrV2();
        } else if (message.equals(EmptyMessage.SENDHEADERS)) {
            features = features.withHeadersAnnouncements();
        } else if (message instanceof SendCmpctMessage c) {
            onSendCmpct(c);
        } else if (message instanceof FeeFilterMessage f) {
            onFeeFilter(f);
        } else if (message instanceof PingMessage p) {
            actions.send(new PongMessage(p.nonce()));
        } else if (message instanceof PongMessage p) {
            onPong(p, now);
        } else if (message instanceof LocatorMessage l && l.locator().size() > ProtocolLimits.MAX_LOCATOR) {
            actions.disconnect(new Disconnect(Disconnect.Kind.PROTOCOL_VIOLATION, l.command() + " locator size "
                    + l.locator().size() + " > " + ProtocolLimits.MAX_LOCATOR));
        } else if (message instanceof RawMessage r && !r.command().equals(RawMessage.TX)
                && !r.command().equals(RawMessage.BLOCK) && !CompactBlockCommands.ALL.contains(r.command())) {
            // Core ignores unknown commands for extensibility.
            LOG.log(Level.DEBUG, "peer {0}: unknown message type {1} ignored", remote,
                    V1Transport.printable(r.command()));
        } else {
            actions.deliver(message);
        }
    }

    private void onVersion(VersionMessage v) {
        if (peerVersion != null) {
            actions.dropped("redundant version message");
            return;
        }
        if (v.version() < ProtocolLimits.MIN_PEER_PROTOCOL_VERSION) {
            actions.disconnect(new Disconnect(Disconnect.Kind.PROTOCOL_VIOLATION,
                    "peer using obsolete version " + v.version()));
            return;
        }
        if (type.automatic() && !ServiceFlags.desirable(v.services())) {
            actions.disconnect(new Disconnect(Disconnect.Kind.PROTOCOL_VIOLATION, String.format(
                    "peer does not offer the expected services (%08x offered)", v.services())));
            return;
        }
        if (type.inbound() && ownNonce.test(v.nonce())) {
            actions.disconnect(new Disconnect(Disconnect.Kind.PROTOCOL_VIOLATION, "connected to self"));
            return;
        }
        peerVersion = new PeerVersion(v.version(), v.services(), v.userAgent(), v.startHeight(), v.relay());
        addrLocal = new InetSocketAddress(v.receiver().address(), v.receiver().port());
        if (type.inbound()) {
            sendVersion();
        }
        int common = peerVersion.commonVersion();
        if (common >= ProtocolLimits.WTXID_RELAY_VERSION) {
            actions.send(EmptyMessage.WTXIDRELAY);
            // BIP155 allows sendaddrv2 at any version, but Core sends it only from 70016 as a courtesy.
            actions.send(EmptyMessage.SENDADDRV2);
        }
        actions.send(EmptyMessage.VERACK);
        if (type == ConnectionType.FEELER) {
            // Core: a feeler only checks that the address answers; its version is all it needed.
            actions.disconnect(new Disconnect(Disconnect.Kind.LOCAL, "feeler connection completed"));
        }
    }

    private void onVerack(long now) {
        if (successfullyConnected) {
            actions.dropped("redundant verack");
            return;
        }
        successfullyConnected = true;
        int common = peerVersion.commonVersion();
        if (common >= ProtocolLimits.SENDHEADERS_VERSION) {
            actions.send(EmptyMessage.SENDHEADERS);
        }
        if (common >= ProtocolLimits.SHORT_IDS_BLOCKS_VERSION) {
            actions.send(new SendCmpctMessage(false, COMPACT_BLOCKS_VERSION));
        }
        if (common >= ProtocolLimits.FEEFILTER_VERSION && local.relay() && type.relaysTransactions()) {
            actions.send(new FeeFilterMessage(local.minFeeFilter()));
        }
        if (!type.inbound() && type.relaysAddresses()) {
            actions.send(EmptyMessage.GETADDR);
        }
        actions.handshakeComplete();
        sendPing(now);
    }

    private void onWtxidRelay() {
        if (successfullyConnected) {
            actions.disconnect(new Disconnect(Disconnect.Kind.PROTOCOL_VIOLATION, "wtxidrelay received after verack"));
        } else if (peerVersion.commonVersion() >= ProtocolLimits.WTXID_RELAY_VERSION) {
            features = features.withWtxidRelay();
        } else {
            actions.dropped("wtxidrelay ignored: common version " + peerVersion.commonVersion());
        }
    }

    private void onSendAddrV2() {
        if (successfullyConnected) {
            actions.disconnect(new Disconnect(Disconnect.Kind.PROTOCOL_VIOLATION, "sendaddrv2 received after verack"));
        } else {
            features = features.withAddrV2();
        }
    }

    private void onSendCmpct(SendCmpctMessage c) {
        // Core only takes version 2 (segwit) compact blocks; other versions are ignored.
        if (c.version() == COMPACT_BLOCKS_VERSION) {
            features = features.withCompactBlocks(c.version(), c.highBandwidth());
        } else {
            actions.dropped("sendcmpct version " + c.version() + " ignored");
        }
    }

    private void onFeeFilter(FeeFilterMessage f) {
        if (f.feeRate() >= 0 && f.feeRate() <= MAX_MONEY) {
            features = features.withFeeFilter(f.feeRate());
        } else {
            actions.dropped("feefilter out of range: " + f.feeRate());
        }
    }

    private void onPong(PongMessage p, long now) {
        if (pingNonce == 0) {
            actions.dropped("unsolicited pong");
        } else if (p.nonce() == pingNonce) {
            lastPingRttNanos = now - pingStart;
            if (minPingRttNanos < 0 || lastPingRttNanos < minPingRttNanos) {
                minPingRttNanos = lastPingRttNanos;
            }
            pingNonce = 0;
        } else if (p.nonce() == 0) {
            // Core: a zero nonce cancels the outstanding ping.
            pingNonce = 0;
            actions.dropped("pong with nonce zero cancels the ping");
        } else {
            actions.dropped("pong nonce mismatch");
        }
    }

    /** The timer: handshake, ping and inactivity timeouts, and the periodic ping. */
    void tick(long now) {
        if (!successfullyConnected) {
            if (now - connectedAt > timeouts.handshake().toNanos()) {
                actions.disconnect(new Disconnect(Disconnect.Kind.TIMEOUT, "version handshake timeout"));
            }
            return;
        }
        if (now - lastReceive > timeouts.inactivity().toNanos()) {
            actions.disconnect(new Disconnect(Disconnect.Kind.TIMEOUT, "receive timeout"));
        } else if (pingNonce != 0 && now - pingStart > timeouts.pingTimeout().toNanos()) {
            actions.disconnect(new Disconnect(Disconnect.Kind.TIMEOUT, "ping timeout"));
        } else if (pingNonce == 0 && (pingQueued || now - lastPingSent >= timeouts.pingInterval().toNanos())) {
            sendPing(now);
        }
    }

    private void sendPing(long now) {
        long n;
        do {
            n = java.util.concurrent.ThreadLocalRandom.current().nextLong();
        } while (n == 0);
        pingNonce = n;
        pingQueued = false;
        pingStart = now;
        lastPingSent = now;
        actions.send(new PingMessage(n));
    }

    private void sendVersion() {
        if (versionSent) {
            return;
        }
        versionSent = true;
        NetAddress receiver = new NetAddress(0, remote.getAddress(), remote.getPort());
        NetAddress sender = new NetAddress(local.services(), Inet.ANY_V4, 0);
        actions.send(new VersionMessage(ProtocolLimits.PROTOCOL_VERSION, local.services(),
                System.currentTimeMillis() / 1000, receiver, sender, nonce, local.userAgent(),
                local.startHeight().getAsInt(), local.relay() && type.relaysTransactions()));
    }
}

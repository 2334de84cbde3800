package org.btcmp.node.net;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The address half of Core's net_processing: addr/addrv2 taken in through a token bucket per peer, stored in the
 * {@link AddrMan}, and the fresh ones of small messages forwarded to one or two peers picked by a keyed hash that
 * changes once a day per address; getaddr answered once per inbound connection from a cached sample; our own
 * address advertised to each addr-relaying peer about once a day; queued addresses sent at random intervals.
 * Calls come from peers' receive threads and from the owner's timer ({@link #sendDue}).
 */
final class AddrRelay {
    private static final System.Logger LOG = System.getLogger(AddrRelay.class.getName());
    /** Core's MAX_ADDR_RATE_PER_SECOND: addresses a peer may make us process per second on average. */
    static final double MAX_ADDR_RATE_PER_SECOND = 0.1;
    /** Core's MAX_ADDR_PROCESSING_TOKEN_BUCKET (= MAX_ADDR_TO_SEND): the bucket's cap. */
    static final double MAX_TOKENS = 1000;
    /** Core's MAX_ADDR_TO_SEND: an addr message, a getaddr answer and a peer's send queue hold at most this. */
    static final int MAX_ADDR_TO_SEND = 1000;
    /** Core's MAX_PCT_ADDR_TO_SEND: a getaddr answer holds at most this share of the known addresses. */
    static final int MAX_PCT_ADDR_TO_SEND = 23;
    /** Only addresses of messages this small are forwarded (larger ones are getaddr answers). */
    static final int MAX_RELAYED_MESSAGE = 10;
    /** Core's ROTATE_ADDR_RELAY_DEST_INTERVAL: forwarding targets of one address stay for a day. */
    static final long ROTATE_SECONDS = 24 * 3600;
    /** An address is forwarded only when seen within the last 10 minutes. */
    static final long FRESH_SECONDS = 600;
    /** Core's AVG_ADDRESS_BROADCAST_INTERVAL and AVG_LOCAL_ADDRESS_BROADCAST_INTERVAL. */
    static final Duration CORE_SEND_INTERVAL = Duration.ofSeconds(30);
    static final long LOCAL_INTERVAL_SECONDS = 24 * 3600;
    /** Core's m_addr_known is a rolling filter of 5000 entries. */
    private static final int MAX_KNOWN = 5000;
    /** Core's getaddr cache lives 21 hours plus up to 6 more. */
    private static final long CACHE_SECONDS = 21 * 3600;
    private static final long CACHE_JITTER_SECONDS = 6 * 3600;
    /** Core's penalty on the time of an address heard from someone else: two hours. */
    private static final long TIME_PENALTY_SECONDS = 2 * 3600;
    /** Core's RANDOMIZER_ID_ADDRESS_RELAY and RANDOMIZER_ID_ADDRCACHE. */
    private static final long RANDOMIZER_ADDRESS_RELAY = 0x3cac0035b5866b90L;
    private static final long RANDOMIZER_ADDRCACHE = 0x1cf2e4ddd306dda9L;

    /** One addr entry in either wire form: time, services, address and port. */
    record Address(long time, long services, InetSocketAddress address) {
    }

    /** getpeerinfo's addr_relay_enabled, addr_processed and addr_rate_limited. */
    record Stats(boolean relayEnabled, long processed, long rateLimited) {
    }

    /** Where our own address comes from: the best one to tell this peer, if any (Core's GetLocalAddrForPeer). */
    interface LocalAddress {
        Optional<InetSocketAddress> forPeer(Peer peer);
    }

    private static final class PeerState {
        final Peer peer;
        double tokens = 1;
        long tokenTime;
        boolean relayEnabled;
        boolean getAddrSent;
        boolean getAddrAnswered;
        long processed;
        long rateLimited;
        final Set<InetSocketAddress> known = Collections.newSetFromMap(new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, Boolean> eldest) {
                return size() > MAX_KNOWN;
            }
        });
        final List<Address> toSend = new ArrayList<>();
        long nextSendNanos;
        long nextLocalSend;

        PeerState(Peer peer, long now) {
            this.peer = peer;
            this.tokenTime = now;
        }
    }

    private record CachedAnswer(List<AddrMan.Entry> entries, long expires) {
    }

    private final AddrMan addrMan;
    private final LongSupplier clock;
    private final Predicate<InetAddress> bannedOrDiscouraged;
    private final LocalAddress local;
    private final long sendIntervalNanos;
    private final SecureRandom random = new SecureRandom();
    private final long k0 = random.nextLong();
    private final long k1 = random.nextLong();
    private final Map<Long, PeerState> peers = new ConcurrentHashMap<>();
    private final Map<Long, CachedAnswer> answers = new HashMap<>();

    /**
     * @param clock seconds since the epoch, mock time included (token refill, freshness, the daily rotation)
     * @param bannedOrDiscouraged addresses processed no further than remembering the peer knows them
     * @param sendInterval the mean interval between addr messages to one peer (Core: 30 s)
     */
    AddrRelay(AddrMan addrMan, LongSupplier clock, Predicate<InetAddress> bannedOrDiscouraged, LocalAddress local,
            Duration sendInterval) {
        this.addrMan = addrMan;
        this.clock = clock;
        this.bannedOrDiscouraged = bannedOrDiscouraged;
        this.local = local;
        this.sendIntervalNanos = sendInterval.toNanos();
    }

    /**
     * After verack. Outbound full-relay and manual peers take part in addr relay at once: we asked them for
     * addresses (getaddr), so their answer may use MAX_ADDR_TO_SEND more tokens and is not forwarded.
     */
    void handshakeComplete(Peer peer) {
        PeerState s = new PeerState(peer, clock.getAsLong());
        if (!peer.type().inbound() && peer.type().relaysAddresses()) {
            s.relayEnabled = true;
            s.getAddrSent = true;
            s.tokens += MAX_ADDR_TO_SEND;
        }
        peers.put(peer.id(), s);
    }

    void disconnected(Peer peer) {
        peers.remove(peer.id());
    }

    Optional<Stats> stats(long peerId) {
        PeerState s = peers.get(peerId);
        if (s == null) {
            return Optional.empty();
        }
        synchronized (s) {
            return Optional.of(new Stats(s.relayEnabled, s.processed, s.rateLimited));
        }
    }

    /** Core's SetupAddressRelay: a block-relay-only connection never takes part. */
    private static boolean setUpRelay(PeerState s) {
        if (!s.peer.type().relaysAddresses()) {
            return false;
        }
        s.relayEnabled = true;
        return true;
    }

    /** An addr or addrv2 message (at most MAX_ADDR_TO_SEND entries: the codec refuses more). */
    void received(Peer peer, List<Address> addresses) {
        PeerState s = peers.get(peer.id());
        if (s == null) {
            return;
        }
        long now = clock.getAsLong();
        List<Address> relay = new ArrayList<>();
        List<Address> store = new ArrayList<>();
        synchronized (s) {
            if (!setUpRelay(s)) {
                LOG.log(Level.DEBUG, "ignoring addr from block-relay-only peer={0}", peer.id());
                return;
            }
            if (s.tokens < MAX_TOKENS) {
                s.tokens = Math.min(MAX_TOKENS, s.tokens + Math.max(0, now - s.tokenTime) * MAX_ADDR_RATE_PER_SECOND);
            }
            s.tokenTime = now;
            boolean limited = !peer.hasPermission(NetPermission.ADDR);
            List<Address> shuffled = new ArrayList<>(addresses);
            Collections.shuffle(shuffled, random);
            for (Address a : shuffled) {
                if (s.tokens < 1) {
                    if (limited) {
                        s.rateLimited++;
                        continue;
                    }
                } else {
                    s.tokens -= 1;
                }
                if (!ServiceFlags.desirable(a.services())) {
                    continue; // Core stores only nodes that may serve blocks
                }
                long time = a.time() <= 100_000_000L || a.time() > now + 600 ? now - 5 * 24 * 3600 : a.time();
                Address fixed = new Address(time, a.services(), a.address());
                s.known.add(a.address());
                if (bannedOrDiscouraged.test(a.address().getAddress())) {
                    continue;
                }
                s.processed++;
                if (time > now - FRESH_SECONDS && !s.getAddrSent && addresses.size() <= MAX_RELAYED_MESSAGE
                        && Inet.isRoutable(a.address().getAddress())) {
                    relay.add(fixed);
                }
                store.add(fixed);
            }
            if (addresses.size() < MAX_ADDR_TO_SEND) {
                s.getAddrSent = false;
            }
        }
        InetSocketAddress source = peer.remoteAddress();
        for (Address a : store) {
            long seen = a.address().getAddress().equals(source.getAddress()) ? a.time()
                    : Math.max(0, a.time() - TIME_PENALTY_SECONDS);
            addrMan.add(a.address(), source, a.services(), seen);
        }
        for (Address a : relay) {
            forward(peer.id(), a, now);
        }
    }

    /**
     * Core's RelayAddress: the same one or two peers for a day (the rotation point differs per address), never
     * back to the sender. Every IPv4 and IPv6 address is reachable here (no -onlynet yet), so always two peers.
     */
    private void forward(long originator, Address a, long now) {
        Map<Long, PeerState> candidates = new HashMap<>();
        for (PeerState s : peers.values()) {
            if (relayEnabled(s)) {
                candidates.put(s.peer.id(), s);
            }
        }
        for (long id : targets(k0, k1, a.address(), now, candidates.keySet(), originator, 2)) {
            push(candidates.get(id), a);
        }
    }

    /**
     * The peers an address goes to: the {@code count} highest keyed hashes of (address, day period, peer id),
     * the period starting at a point of the day that depends on the address.
     */
    static List<Long> targets(long k0, long k1, InetSocketAddress address, long now, Set<Long> peerIds,
            long originator, int count) {
        long addressHash = SipHash.hash(0, 0, serviceKey(address));
        long period = Long.divideUnsigned(now + addressHash, ROTATE_SECONDS);
        List<long[]> ranked = new ArrayList<>();
        for (long id : peerIds) {
            if (id != originator) {
                ranked.add(new long[] {SipHash.hash(k0, k1, longs(RANDOMIZER_ADDRESS_RELAY, addressHash, period, id)),
                    id});
            }
        }
        ranked.sort((x, y) -> Long.compareUnsigned(y[0], x[0]));
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < Math.min(count, ranked.size()); i++) {
            out.add(ranked.get(i)[1]);
        }
        return out;
    }

    private static boolean relayEnabled(PeerState s) {
        synchronized (s) {
            return s.relayEnabled;
        }
    }

    /** Core's PushAddress: skipped when the peer knows it; a full queue has a random entry replaced. */
    private void push(PeerState s, Address a) {
        synchronized (s) {
            if (s.known.contains(a.address())) {
                return;
            }
            if (s.toSend.size() >= MAX_ADDR_TO_SEND) {
                s.toSend.set(random.nextInt(s.toSend.size()), a);
            } else {
                s.toSend.add(a);
            }
        }
    }

    /**
     * getaddr: answered once per inbound connection (never for outbound ones: a fingerprinting defence), from a
     * sample cached per local socket and network for about a day, banned and discouraged addresses left out; a
     * peer with the addr permission gets a fresh sample.
     */
    void getAddr(Peer peer) {
        PeerState s = peers.get(peer.id());
        if (s == null || !peer.type().inbound()) {
            return;
        }
        List<AddrMan.Entry> sample;
        synchronized (s) {
            if (!setUpRelay(s) || s.getAddrAnswered) {
                return;
            }
            s.getAddrAnswered = true;
            s.toSend.clear();
        }
        long now = clock.getAsLong();
        if (peer.hasPermission(NetPermission.ADDR)) {
            sample = addrMan.sample(MAX_ADDR_TO_SEND, MAX_PCT_ADDR_TO_SEND, now);
        } else {
            sample = cachedAnswer(peer, now);
        }
        for (AddrMan.Entry e : sample) {
            if (!bannedOrDiscouraged.test(e.address().getAddress())) {
                push(s, new Address(e.lastSeen(), e.services(), e.address()));
            }
        }
    }

    private List<AddrMan.Entry> cachedAnswer(Peer peer, long now) {
        InetSocketAddress bind = peer.localAddress();
        byte[] bindBytes = bind == null ? new byte[0] : bind.getAddress().getAddress();
        ByteBuffer id = ByteBuffer.allocate(8 + 1 + bindBytes.length + 4);
        id.putLong(RANDOMIZER_ADDRCACHE).put((byte) (peer.remoteAddress().getAddress().getAddress().length))
                .put(bindBytes).putInt(bind == null || !peer.type().inbound() ? 0 : bind.getPort());
        long cacheId = SipHash.hash(k0, k1, id.array());
        synchronized (answers) {
            CachedAnswer c = answers.get(cacheId);
            if (c == null || c.expires() < now) {
                c = new CachedAnswer(addrMan.sample(MAX_ADDR_TO_SEND, MAX_PCT_ADDR_TO_SEND, now),
                        now + CACHE_SECONDS + (long) (random.nextDouble() * CACHE_JITTER_SECONDS));
                answers.put(cacheId, c);
            }
            return c.entries();
        }
    }

    /**
     * Core's MaybeSendAddr for every peer: our own address about once a day (when we listen and are past initial
     * block download), then, at most once per random interval, the queue minus what the peer already knows.
     */
    void sendDue(boolean advertiseSelf) {
        long nowNanos = System.nanoTime();
        long now = clock.getAsLong();
        for (PeerState s : peers.values()) {
            List<Address> out;
            synchronized (s) {
                if (!s.relayEnabled) {
                    continue;
                }
                if (advertiseSelf && s.nextLocalSend < now) {
                    if (s.nextLocalSend != 0) {
                        s.known.clear(); // so the self-announcement does go out again
                    }
                    Optional<InetSocketAddress> self = local.forPeer(s.peer);
                    self.ifPresent(a -> pushLocked(s, new Address(now, s.peer.localServices(), a)));
                    s.nextLocalSend = now + exponential(LOCAL_INTERVAL_SECONDS);
                }
                if (nowNanos - s.nextSendNanos <= 0 && s.nextSendNanos != 0) {
                    continue;
                }
                s.nextSendNanos = nowNanos + Math.max(1, exponential(sendIntervalNanos));
                out = new ArrayList<>();
                for (Address a : s.toSend) {
                    if (s.known.add(a.address())) {
                        out.add(a);
                    }
                }
                s.toSend.clear();
            }
            if (!out.isEmpty()) {
                send(s.peer, out);
            }
        }
    }

    private void pushLocked(PeerState s, Address a) {
        if (!s.known.contains(a.address())) {
            if (s.toSend.size() >= MAX_ADDR_TO_SEND) {
                s.toSend.set(random.nextInt(s.toSend.size()), a);
            } else {
                s.toSend.add(a);
            }
        }
    }

    private long exponential(long mean) {
        return (long) (-Math.log1p(-random.nextDouble()) * mean);
    }

    private static void send(Peer peer, List<Address> out) {
        if (peer.features().addrV2()) {
            List<AddrV2Entry> entries = new ArrayList<>();
            for (Address a : out) {
                byte[] ip = a.address().getAddress().getAddress();
                entries.add(new AddrV2Entry(a.time(), a.services(), ip.length == 4 ? AddrV2Entry.IPV4
                        : AddrV2Entry.IPV6, Bytes.wrap(ip), a.address().getPort()));
            }
            peer.send(new AddrV2Message(entries));
        } else {
            List<TimedAddress> entries = new ArrayList<>();
            for (Address a : out) {
                entries.add(new TimedAddress(a.time(), new NetAddress(a.services(), a.address().getAddress(),
                        a.address().getPort())));
            }
            peer.send(new AddrMessage(entries));
        }
    }

    /** The IPv4/IPv6 entries of an addr or addrv2 message (other networks are not reachable here). */
    static List<Address> entries(Message message) {
        List<Address> out = new ArrayList<>();
        if (message instanceof AddrMessage a) {
            for (TimedAddress t : a.addresses()) {
                out.add(new Address(t.time(), t.address().services(),
                        new InetSocketAddress(t.address().address(), t.address().port())));
            }
        } else if (message instanceof AddrV2Message a) {
            for (AddrV2Entry e : a.addresses()) {
                if (e.networkId() == AddrV2Entry.IPV4 || e.networkId() == AddrV2Entry.IPV6) {
                    try {
                        out.add(new Address(e.time(), e.services(), new InetSocketAddress(
                                InetAddress.getByAddress(e.address().toByteArray()), e.port())));
                    } catch (UnknownHostException ex) {
                        throw new IllegalStateException("the codec checked the address length", ex);
                    }
                }
            }
        }
        return out;
    }

    private static byte[] serviceKey(InetSocketAddress a) {
        byte[] ip = a.getAddress().getAddress();
        return ByteBuffer.allocate(ip.length + 2).put(ip).putShort((short) a.getPort()).array();
    }

    private static byte[] longs(long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }
}

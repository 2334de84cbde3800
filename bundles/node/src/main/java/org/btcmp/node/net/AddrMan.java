package org.btcmp.node.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The address manager with Core's AddrMan semantics: addresses heard of live in a "new" table of
 * {@value AddrBuckets#NEW_BUCKETS} buckets, addresses we connected to in a "tried" table of
 * {@value AddrBuckets#TRIED_BUCKETS}, each bucket {@value AddrBuckets#BUCKET_SIZE} slots. Where an address may go
 * is a keyed hash of its network group and the group of the peer that told us of it ({@link AddrBuckets}), so
 * one source group reaches only a few new buckets and one address group only a few tried buckets: a peer cannot
 * flood the table or evict the addresses we connected to. Selection picks tried or new with even odds and prefers
 * addresses not recently tried and with few failures; getaddr answers leave out "terrible" addresses.
 * <p>
 * Kept in the network directory in a file of ours ({@value #FILE_NAME}): the bucketing key, then one address a
 * line with its source and table. A restarted node keeps the same key, so every address lands where it was.
 */
public final class AddrMan {
    public static final String FILE_NAME = "peers.txt";
    private static final String HEADER = "# btcmp addrman 2";
    /** Core's ADDRMAN_NEW_BUCKETS_PER_ADDRESS: how many new buckets may refer to one address. */
    static final int NEW_BUCKETS_PER_ADDRESS = 8;
    /** Core's ADDRMAN_HORIZON: addresses not seen for 30 days are terrible. */
    static final long HORIZON_SECONDS = 30L * 24 * 3600;
    /** Core's ADDRMAN_RETRIES: never successful after this many attempts is terrible. */
    static final int RETRIES = 3;
    /** Core's ADDRMAN_MAX_FAILURES within ADDRMAN_MIN_FAIL (7 days) is terrible. */
    static final int MAX_FAILURES = 10;
    static final long MIN_FAIL_SECONDS = 7L * 24 * 3600;
    /** Core's ADDRMAN_REPLACEMENT: a tried address that worked this recently is not evicted by a newcomer. */
    static final long REPLACEMENT_SECONDS = 4L * 3600;
    /** An address tried this recently is selected rarely, and skipped by the connection loop at first (Core). */
    static final long RETRY_SECONDS = 600;

    /** What is known about one address; times in seconds since the epoch, 0 for never. */
    public record Entry(InetSocketAddress address, long services, long lastSeen, long lastTry, long lastSuccess,
            int attempts) {
    }

    /** One address's record: its entry data, where it came from and its table placement. */
    private static final class Info {
        final InetSocketAddress address;
        InetSocketAddress source;
        long services;
        long lastSeen;
        long lastTry;
        long lastSuccess;
        int attempts;
        boolean tried;
        /** How many new buckets hold it (0 when tried). */
        int refs;

        Info(InetSocketAddress address, InetSocketAddress source) {
            this.address = address;
            this.source = source;
        }

        Entry entry() {
            return new Entry(address, services, lastSeen, lastTry, lastSuccess, attempts);
        }

        /** Core's IsTerrible: not worth keeping or sharing. */
        boolean terrible(long now) {
            if (lastTry > 0 && now - lastTry < 60) {
                return false; // just tried: give it a chance
            }
            return lastSeen > now + 600 || now - lastSeen > HORIZON_SECONDS
                    || (lastSuccess == 0 && attempts >= RETRIES)
                    || (now - lastSuccess > MIN_FAIL_SECONDS && attempts >= MAX_FAILURES);
        }

        /** Core's GetChance: the odds of taking this address when selected. */
        double chance(long now) {
            double c = 1.0;
            if (now - lastTry < RETRY_SECONDS) {
                c *= 0.01;
            }
            return c * Math.pow(0.66, Math.min(attempts, 8));
        }
    }

    private final Path file;
    private final LongSupplier clock;
    private final boolean allowLocal;
    private final Random random;
    private final AddrBuckets buckets;
    private final Map<InetSocketAddress, Info> infos = new HashMap<>();
    private final InetSocketAddress[][] newTable =
            new InetSocketAddress[AddrBuckets.NEW_BUCKETS][AddrBuckets.BUCKET_SIZE];
    private final InetSocketAddress[][] triedTable =
            new InetSocketAddress[AddrBuckets.TRIED_BUCKETS][AddrBuckets.BUCKET_SIZE];
    private int newCount;
    private int triedCount;

    /** Loads the file if it exists; a malformed line is an error naming the file and line. */
    /**
     * @param clock seconds since the epoch (mock time included): which occupants are terrible
     * @param allowLocal also store unroutable (local, private) addresses: regtest only, a deviation from Core
     */
    public AddrMan(Path file, LongSupplier clock, boolean allowLocal) throws IOException {
        this(file, clock, allowLocal, new SecureRandom(), null);
    }

    /** @param asmap -asmap: buckets by autonomous system (the file is re-bucketed on load), or null */
    AddrMan(Path file, LongSupplier clock, boolean allowLocal, Asmap asmap) throws IOException {
        this(file, clock, allowLocal, new SecureRandom(), asmap);
    }

    AddrMan(Path file, LongSupplier clock, boolean allowLocal, Random random) throws IOException {
        this(file, clock, allowLocal, random, null);
    }

    AddrMan(Path file, LongSupplier clock, boolean allowLocal, Random random, Asmap asmap) throws IOException {
        this.file = file;
        this.clock = clock;
        this.allowLocal = allowLocal;
        this.random = random;
        byte[] key = new byte[32];
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        int keyLine = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("key ")) {
                keyLine = i;
                try {
                    key = HexFormat.of().parseHex(lines.get(i).substring(4).strip());
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + " line " + (i + 1) + ": bad key: " + e.getMessage(), e);
                }
                if (key.length != 32) {
                    throw new IOException(file + " line " + (i + 1) + ": key of " + key.length + " bytes, not 32");
                }
                break;
            }
        }
        if (keyLine < 0) {
            random.nextBytes(key);
        }
        this.buckets = new AddrBuckets(key, asmap);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == keyLine || line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                load(line.trim().split("\\s+"));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * One saved address: {@code ip port services(hex) lastseen lasttry lastsuccess attempts source-ip new|tried}.
     * A tried address whose slot is taken (the table was saved by a node that lost a race) goes to new.
     */
    private void load(String[] f) {
        if (f.length == 7) {
            // The first format of this file (no key, source or table): the address is its own source, in new.
            f = new String[] {f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[0], "new"};
        }
        if (f.length != 9) {
            throw new IllegalArgumentException("expected 9 fields, found " + f.length);
        }
        InetSocketAddress a = new InetSocketAddress(Subnet.parse(f[0]).network(), port(f[1]));
        InetSocketAddress source = new InetSocketAddress(Subnet.parse(f[7]).network(), 0);
        if (!f[8].equals("new") && !f[8].equals("tried")) {
            throw new IllegalArgumentException("table must be new or tried, found " + f[8]);
        }
        if (infos.containsKey(a)) {
            throw new IllegalArgumentException("duplicate address " + f[0] + " " + f[1]);
        }
        Info info = new Info(a, source);
        info.services = Long.parseUnsignedLong(f[2], 16);
        info.lastSeen = Long.parseLong(f[3]);
        info.lastTry = Long.parseLong(f[4]);
        info.lastSuccess = Long.parseLong(f[5]);
        info.attempts = Integer.parseInt(f[6]);
        infos.put(a, info);
        if (f[8].equals("tried") && triedTable[buckets.tried(a)][buckets.position(false, buckets.tried(a), a)]
                == null) {
            placeTried(info);
        } else if (!placeNew(info)) {
            infos.remove(a);
        }
    }

    private static int port(String s) {
        int port = Integer.parseInt(s);
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range");
        }
        return port;
    }

    /** Core stores routable addresses only; regtest also takes local ones so nodes on one host find each other. */
    private boolean usable(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        return ip != null && !ip.isAnyLocalAddress() && !ip.isMulticastAddress() && address.getPort() != 0
                && (allowLocal || Inet.isRoutable(ip));
    }

    /** Adds an address we were told of by nobody in particular (addpeeraddress): its own group is the source. */
    public synchronized boolean add(InetSocketAddress address, long services, long seen) {
        return add(address, address, services, seen);
    }

    /**
     * Core's AddSingle: a new address goes to the new bucket its and its source's groups pick; a known one in new
     * may gain a further bucket reference, with halving odds for each it has. True when a new address was stored.
     */
    public synchronized boolean add(InetSocketAddress address, InetSocketAddress source, long services, long seen) {
        if (!usable(address)) {
            return false;
        }
        Info info = infos.get(address);
        if (info != null) {
            info.services |= services;
            info.lastSeen = Math.max(info.lastSeen, seen);
            if (info.tried || info.refs >= NEW_BUCKETS_PER_ADDRESS || seen <= 0) {
                return false;
            }
            // Each further reference is half as likely as the last (Core's stochastic test).
            if (random.nextInt(1 << info.refs) == 0) {
                placeNewRef(info, source, false);
            }
            return false;
        }
        info = new Info(address, source);
        info.services = services;
        info.lastSeen = seen;
        infos.put(address, info);
        if (!placeNew(info)) {
            infos.remove(address);
            return false;
        }
        return true;
    }

    /** Puts a fresh record in the new bucket of its own source; false when the slot holds a better address. */
    private boolean placeNew(Info info) {
        return placeNewRef(info, info.source, false);
    }

    /** @param force clear whatever holds the slot (an address evicted from tried always gets its place back) */
    private boolean placeNewRef(Info info, InetSocketAddress source, boolean force) {
        int bucket = buckets.newBucket(info.address, source);
        int pos = buckets.position(true, bucket, info.address);
        InetSocketAddress occupant = newTable[bucket][pos];
        if (info.address.equals(occupant)) {
            return false;
        }
        if (occupant != null) {
            Info other = infos.get(occupant);
            // Core overwrites a terrible occupant, or one referenced elsewhere when the newcomer has no other home.
            boolean replace = force || other.terrible(clock.getAsLong()) || (other.refs > 1 && info.refs == 0);
            if (!replace) {
                return false;
            }
            clearNewSlot(bucket, pos);
        }
        newTable[bucket][pos] = info.address;
        if (info.refs++ == 0) {
            newCount++;
        }
        return true;
    }

    private void clearNewSlot(int bucket, int pos) {
        InetSocketAddress a = newTable[bucket][pos];
        newTable[bucket][pos] = null;
        Info info = infos.get(a);
        if (--info.refs == 0) {
            newCount--;
            infos.remove(a);
        }
    }

    /** A connection attempt is starting (Core's Attempt). */
    public synchronized void attempt(InetSocketAddress address, long now) {
        Info info = infos.get(address);
        if (info != null) {
            info.lastTry = now;
            info.attempts++;
        }
    }

    /**
     * The handshake with an outbound peer at this address completed (Core's Good): the address moves from new to
     * tried. When its tried slot holds an address that worked within {@value #REPLACEMENT_SECONDS} s, the newcomer
     * stays in new (Core's test-before-evict keeps the incumbent); otherwise the incumbent goes back to new.
     * An address we never heard of is not added, as in Core.
     */
    public synchronized void good(InetSocketAddress address, long services, long now) {
        Info info = infos.get(address);
        if (info == null) {
            return;
        }
        info.services |= services;
        info.lastSeen = now;
        info.lastTry = now;
        info.lastSuccess = now;
        info.attempts = 0;
        if (info.tried) {
            return;
        }
        int bucket = buckets.tried(address);
        int pos = buckets.position(false, bucket, address);
        InetSocketAddress occupant = triedTable[bucket][pos];
        if (occupant != null && now - infos.get(occupant).lastSuccess < REPLACEMENT_SECONDS) {
            return;
        }
        // Out of new first, so the incumbent's return to new cannot land on (and drop) this very address.
        for (int b = 0; b < AddrBuckets.NEW_BUCKETS && info.refs > 0; b++) {
            int p = buckets.position(true, b, address);
            if (address.equals(newTable[b][p])) {
                newTable[b][p] = null;
                info.refs--;
            }
        }
        newCount--;
        info.refs = 0;
        if (occupant != null) {
            Info incumbent = infos.get(occupant);
            triedTable[bucket][pos] = null;
            triedCount--;
            incumbent.tried = false;
            placeNewRef(incumbent, incumbent.source, true);
        }
        placeTried(info);
    }

    private void placeTried(Info info) {
        int bucket = buckets.tried(info.address);
        triedTable[bucket][buckets.position(false, bucket, info.address)] = info.address;
        info.tried = true;
        triedCount++;
    }

    /**
     * Core's Select: an address to try, not excluded. Tried or new with even odds (whichever has candidates), then
     * random candidates accepted with their chance (low for one tried in the last {@value #RETRY_SECONDS} s or
     * failing often), the acceptance factor growing by 1.2 after each refusal as in Core so the loop ends.
     */
    public synchronized Optional<InetSocketAddress> select(Predicate<InetSocketAddress> exclude, long now) {
        List<Info> tried = new ArrayList<>();
        List<Info> fresh = new ArrayList<>();
        for (Info i : infos.values()) {
            if (!exclude.test(i.address)) {
                (i.tried ? tried : fresh).add(i);
            }
        }
        List<Info> pool = tried.isEmpty() ? fresh : fresh.isEmpty() || random.nextBoolean() ? tried : fresh;
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        double factor = 1.0;
        while (true) {
            Info pick = pool.get(random.nextInt(pool.size()));
            if (random.nextDouble() < factor * pick.chance(now)) {
                return Optional.of(pick.address);
            }
            factor *= 1.2;
        }
    }

    /**
     * Core's GetAddr: at most {@code max} entries and {@code maxPercent} percent of all (0 for no percentage cap),
     * random order, terrible ones left out.
     */
    public synchronized List<Entry> sample(int max, int maxPercent, long now) {
        List<Info> all = new ArrayList<>(infos.values());
        Collections.shuffle(all, random);
        int limit = maxPercent > 0 ? Math.min(max, all.size() * maxPercent / 100) : max;
        List<Entry> out = new ArrayList<>();
        for (Info i : all) {
            if (out.size() >= limit) {
                break;
            }
            if (!i.terrible(now)) {
                out.add(i.entry());
            }
        }
        return out;
    }

    /** What is known about an address, if anything. */
    public synchronized Optional<Entry> find(InetSocketAddress address) {
        Info i = infos.get(address);
        return i == null ? Optional.empty() : Optional.of(i.entry());
    }

    /** Core's GetGroup as this table buckets by it: the AS under -asmap, else the /16 or /32 prefix. */
    public String group(InetAddress ip) {
        return java.util.HexFormat.of().formatHex(buckets.group(ip));
    }

    public synchronized boolean isTried(InetSocketAddress address) {
        Info i = infos.get(address);
        return i != null && i.tried;
    }

    public synchronized int size() {
        return infos.size();
    }

    public synchronized int newCount() {
        return newCount;
    }

    public synchronized int triedCount() {
        return triedCount;
    }

    public synchronized void save() throws IOException {
        StringBuilder b = new StringBuilder(HEADER).append(
                ": ip port services(hex) lastseen lasttry lastsuccess attempts source table\n");
        b.append("key ").append(HexFormat.of().formatHex(buckets.key())).append('\n');
        for (Info i : infos.values()) {
            b.append(i.address.getAddress().getHostAddress()).append(' ').append(i.address.getPort()).append(' ')
                    .append(Long.toHexString(i.services)).append(' ').append(i.lastSeen).append(' ')
                    .append(i.lastTry).append(' ').append(i.lastSuccess).append(' ').append(i.attempts).append(' ')
                    .append(i.source.getAddress().getHostAddress()).append(' ').append(i.tried ? "tried" : "new")
                    .append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(tmp, b, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

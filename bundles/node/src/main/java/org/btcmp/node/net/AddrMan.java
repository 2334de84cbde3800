package org.btcmp.node.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The address manager (Core's AddrMan, much simplified): addresses learned from addr messages and from
 * connections that worked, with when each was last seen, tried and connected, kept in the network directory
 * in a file of ours ({@value #FILE_NAME}, one address a line) so a restarted node finds its peers again.
 * Bounded: past {@value #MAX_ADDRESSES} the address seen longest ago is forgotten.
 */
public final class AddrMan {
    public static final String FILE_NAME = "peers.txt";
    static final int MAX_ADDRESSES = 10_000;
    /** An address is not retried sooner than this after a failed attempt. */
    static final long RETRY_SECONDS = 60;

    /** What is known about one address; times in seconds since the epoch, 0 for never. */
    public record Entry(InetSocketAddress address, long services, long lastSeen, long lastTry, long lastSuccess,
            int attempts) {
    }

    private final Path file;
    private final Map<InetSocketAddress, Entry> entries = new LinkedHashMap<>();

    /** Loads the file if it exists; a malformed line is an error naming the file and line. */
    public AddrMan(Path file) throws IOException {
        this.file = file;
        if (!Files.exists(file)) {
            return;
        }
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            try {
                if (f.length != 7) {
                    throw new IllegalArgumentException("expected 7 fields, found " + f.length);
                }
                InetAddress ip = Subnet.parse(f[0]).network();
                int port = Integer.parseInt(f[1]);
                if (port <= 0 || port > 65535) {
                    throw new IllegalArgumentException("port " + port + " out of range");
                }
                InetSocketAddress a = new InetSocketAddress(ip, port);
                entries.put(a, new Entry(a, Long.parseUnsignedLong(f[2], 16), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), Long.parseLong(f[5]), Integer.parseInt(f[6])));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + n + ": " + e.getMessage(), e);
            }
        }
    }

    /** Adds or refreshes an address heard of; unusable addresses (unspecified, multicast, port 0) are skipped. */
    public synchronized boolean add(InetSocketAddress address, long services, long seen) {
        InetAddress ip = address.getAddress();
        if (ip == null || ip.isAnyLocalAddress() || ip.isMulticastAddress() || address.getPort() == 0) {
            return false;
        }
        Entry old = entries.get(address);
        if (old == null) {
            if (entries.size() >= MAX_ADDRESSES) {
                entries.values().stream().min(Comparator.comparingLong(Entry::lastSeen))
                        .ifPresent(e -> entries.remove(e.address()));
            }
            entries.put(address, new Entry(address, services, seen, 0, 0, 0));
            return true;
        }
        entries.put(address, new Entry(address, old.services() | services, Math.max(old.lastSeen(), seen),
                old.lastTry(), old.lastSuccess(), old.attempts()));
        return false;
    }

    /** A connection attempt is starting. */
    public synchronized void attempt(InetSocketAddress address, long now) {
        Entry e = entries.get(address);
        if (e != null) {
            entries.put(address, new Entry(address, e.services(), e.lastSeen(), now, e.lastSuccess(),
                    e.attempts() + 1));
        }
    }

    /** The handshake with an outbound peer at this address completed (Core's Good). */
    public synchronized void good(InetSocketAddress address, long services, long now) {
        Entry e = entries.get(address);
        long s = e == null ? services : e.services() | services;
        entries.put(address, new Entry(address, s, now, now, now, 0));
    }

    /**
     * An address to try: one not excluded and not failed within the last {@value #RETRY_SECONDS} s, preferring
     * those that worked before, then the fewest failed attempts.
     */
    public synchronized Optional<InetSocketAddress> select(Predicate<InetSocketAddress> exclude, long now) {
        return entries.values().stream()
                .filter(e -> (e.lastSuccess() >= e.lastTry() || now - e.lastTry() >= RETRY_SECONDS)
                        && !exclude.test(e.address()))
                .min(Comparator.comparingLong((Entry e) -> -e.lastSuccess()).thenComparingInt(Entry::attempts))
                .map(Entry::address);
    }

    /** Up to {@code max} entries in random order (the answer to getaddr). */
    public synchronized List<Entry> sample(int max) {
        List<Entry> all = new ArrayList<>(entries.values());
        Collections.shuffle(all);
        return all.subList(0, Math.min(max, all.size()));
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void save() throws IOException {
        StringBuilder b = new StringBuilder("# btcmp addresses: ip port services(hex) lastseen lasttry lastsuccess"
                + " attempts\n");
        for (Entry e : entries.values()) {
            b.append(e.address().getAddress().getHostAddress()).append(' ').append(e.address().getPort()).append(' ')
                    .append(Long.toHexString(e.services())).append(' ').append(e.lastSeen()).append(' ')
                    .append(e.lastTry()).append(' ').append(e.lastSuccess()).append(' ').append(e.attempts())
                    .append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(tmp, b, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

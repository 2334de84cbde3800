package org.btcmp.node.net;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Manual bans (Core's BanMan for setban): subnets with an expiry, saved to a file in the network directory on
 * every change so they survive a restart. Expired entries are dropped when read. The file is ours
 * ({@value #FILE_NAME}), one ban a line: subnet, creation time, expiry time (seconds since the epoch).
 */
public final class BanList {
    public static final String FILE_NAME = "banlist.txt";

    /** One ban, as listbanned reports it. */
    public record Ban(Subnet subnet, long created, long until) {
    }

    private final Path file;
    private final LongSupplier clock;
    private final Map<String, Ban> bans = new LinkedHashMap<>();

    /**
     * Loads the file if it exists. A malformed line is an error naming the file and line, so a damaged
     * ban list is never silently emptied.
     */
    public BanList(Path file, LongSupplier clock) throws IOException {
        this.file = file;
        this.clock = clock;
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
                if (f.length != 3) {
                    throw new IllegalArgumentException("expected 3 fields, found " + f.length);
                }
                Ban b = new Ban(Subnet.parse(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
                bans.put(b.subnet().toString(), b);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + n + ": " + e.getMessage(), e);
            }
        }
    }

    /** Adds a ban; false when the subnet is already banned. */
    public synchronized boolean add(Subnet subnet, long until) throws IOException {
        sweep();
        if (bans.containsKey(subnet.toString())) {
            return false;
        }
        bans.put(subnet.toString(), new Ban(subnet, clock.getAsLong(), until));
        save();
        return true;
    }

    /** Lifts a ban; false when the subnet was not banned. */
    public synchronized boolean remove(Subnet subnet) throws IOException {
        sweep();
        if (bans.remove(subnet.toString()) == null) {
            return false;
        }
        save();
        return true;
    }

    public synchronized void clear() throws IOException {
        bans.clear();
        save();
    }

    public synchronized boolean isBanned(InetAddress address) {
        long now = clock.getAsLong();
        return bans.values().stream().anyMatch(b -> b.until() > now && b.subnet().contains(address));
    }

    public synchronized List<Ban> list() {
        sweep();
        return new ArrayList<>(bans.values());
    }

    private void sweep() {
        long now = clock.getAsLong();
        bans.values().removeIf(b -> b.until() <= now);
    }

    private void save() throws IOException {
        StringBuilder b = new StringBuilder("# btcmp ban list: subnet created until\n");
        for (Ban ban : bans.values()) {
            b.append(ban.subnet()).append(' ').append(ban.created()).append(' ').append(ban.until()).append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(tmp, b, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

package org.btcmp.node.net;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Addresses discouraged for misbehaviour (Core's BanMan discouragement filter): inbound connections from them
 * are refused when inbound slots are nearly full and automatic connections skip them. Kept in memory only, as in
 * Core (a restart forgets them; setban is what persists), and bounded like Core's rolling filter of
 * {@value #CAPACITY} entries: past it the oldest is forgotten, so a flood of addresses cannot exhaust memory.
 */
public final class Discouraged {
    static final int CAPACITY = 50_000;
    private final Set<InetAddress> addresses = new LinkedHashSet<>();

    synchronized void add(InetAddress address) {
        addresses.remove(address);
        addresses.add(address);
        if (addresses.size() > CAPACITY) {
            addresses.remove(addresses.iterator().next());
        }
    }

    public synchronized boolean contains(InetAddress address) {
        return addresses.contains(address);
    }

    public synchronized int size() {
        return addresses.size();
    }

    public synchronized void clear() {
        addresses.clear();
    }
}

package org.btcmp.node.net;

import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Addresses discouraged for misbehaviour (Core's BanMan discouragement filter): inbound connections from them
 * are refused when inbound slots are nearly full. Kept in memory only, as in Core.
 */
public final class Discouraged {
    private final Set<InetAddress> addresses = ConcurrentHashMap.newKeySet();

    void add(InetAddress address) {
        addresses.add(address);
    }

    public boolean contains(InetAddress address) {
        return addresses.contains(address);
    }

    public void clear() {
        addresses.clear();
    }
}

package org.btcmp.node.net;

/** Service bits of the version message (protocol.h). */
public final class ServiceFlags {
    public static final long NODE_NETWORK = 1;
    public static final long NODE_BLOOM = 1 << 2;
    public static final long NODE_WITNESS = 1 << 3;
    public static final long NODE_COMPACT_FILTERS = 1 << 6;
    public static final long NODE_NETWORK_LIMITED = 1 << 10;
    /** BIP324: this node accepts v2 encrypted connections. */
    public static final long NODE_P2P_V2 = 1 << 11;

    private ServiceFlags() {
    }

    /** Core's HasAllDesirableServiceFlags: a full or pruned-recent history node with witness support. */
    static boolean desirable(long services) {
        boolean history = (services & NODE_NETWORK) != 0 || (services & NODE_NETWORK_LIMITED) != 0;
        return history && (services & NODE_WITNESS) != 0;
    }
}

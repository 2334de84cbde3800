package org.btcmp.node.net;

/** What the peer said about itself in its version message. */
public record PeerVersion(int version, long services, String userAgent, int startHeight, boolean relay) {
    /** The version both sides speak: the lower of theirs and ours. */
    public int commonVersion() {
        return Math.min(version, ProtocolLimits.PROTOCOL_VERSION);
    }
}

package org.btcmp.node.net;

/** Why a peer connection ended. */
public record Disconnect(Kind kind, String detail) {
    public enum Kind {
        /** A rule Core disconnects for without discouraging (wrong magic, oversized message, old version...). */
        PROTOCOL_VIOLATION,
        /** Misbehaviour (too many inv entries, oversized headers...): discouraged unless exempt. */
        MISBEHAVIOUR,
        /** Handshake, ping or inactivity timeout. */
        TIMEOUT,
        /** The peer closed the connection (possibly mid-message). */
        PEER_CLOSED,
        /** A socket error. */
        IO_ERROR,
        /** We closed it (shutdown, disconnectnode). */
        LOCAL
    }
}

package org.btcmp.node.net;

/**
 * Events of peer connections, for the layers above (sync, relay, address manager). Called on the peer's
 * receive thread (or the timer thread for timeouts); implementations must not block for long.
 */
public interface PeerListener {
    /** verack received: the peer may now be asked for headers, blocks and transactions. */
    default void handshakeComplete(Peer peer) {
    }

    /** A message past the handshake rules and the codecs' checks. */
    default void message(Peer peer, Message message) {
    }

    /** Called exactly once per peer, on its receive thread after the socket is closed and reading stopped. */
    default void disconnected(Peer peer, Disconnect reason) {
    }
}

package org.btcmp.ipc.capnp.net;

/**
 * A connection with the credentials of the process at its other end: the client a {@link UnixSocketListener}
 * accepted, or the server {@link UnixSockets#connectPeer} reached.
 */
public record UnixPeer(FrameConnection connection, PeerCredentials credentials) {
}

package org.btcmp.ipc.capnp.net;

/** A connection a {@link UnixSocketListener} accepted, with the credentials of the process that made it. */
public record UnixPeer(FrameConnection connection, PeerCredentials credentials) {
}

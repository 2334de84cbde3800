package org.btcmp.interfaces;

/**
 * One connected peer, as a GUI's peer table shows it (a subset of Core's CNodeStats).
 *
 * @param id the node's peer id (getpeerinfo's id)
 * @param address the address name, {@code ip:port} or the name it was connected by
 * @param inbound whether the peer connected to us
 * @param connectionType Core's connection_type: inbound, outbound-full-relay, manual, ...
 * @param userAgent the peer's subversion, empty before its version message
 * @param version the peer's protocol version, 0 before its version message
 * @param startingHeight the height it announced, -1 before its version message
 * @param bytesSent bytes sent to it
 * @param bytesReceived bytes received from it
 * @param connectedSince when the connection was made, seconds since the epoch
 * @param pingMicros the last ping round trip in microseconds, -1 before one was answered
 */
public record PeerInfo(long id, String address, boolean inbound, String connectionType, String userAgent,
        int version, int startingHeight, long bytesSent, long bytesReceived, long connectedSince, long pingMicros) {
}

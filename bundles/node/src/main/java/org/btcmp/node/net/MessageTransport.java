package org.btcmp.node.net;

import java.io.IOException;
import java.io.InputStream;

/** How messages are framed on one connection: v1 (magic, command, length, checksum) or BIP324 v2 packets. */
interface MessageTransport {
    /** The next message, or null at a clean end of stream. */
    Frame read(InputStream in) throws IOException, FramingException;

    /** One message as bytes for the wire; calls must be made in sending order. */
    byte[] encode(String command, byte[] payload);

    /** getpeerinfo's transport_protocol_type: "v1" or "v2". */
    String protocolType();

    /** getpeerinfo's session_id: hex of the BIP324 session id, empty for v1. */
    String sessionId();
}

package org.btcmp.node.net;

/** A decoded P2P message; {@link MessageCodec} maps commands to these types and back. */
public sealed interface Message permits VersionMessage, EmptyMessage, PingMessage, PongMessage, AddrMessage,
        AddrV2Message, InventoryMessage, LocatorMessage, HeadersMessage, SendCmpctMessage, FeeFilterMessage,
        RawMessage {
    /** The command in the message header. */
    String command();

    void write(WireWriter out);
}

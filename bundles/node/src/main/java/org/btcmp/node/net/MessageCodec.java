package org.btcmp.node.net;

/** Maps a command and its payload to a {@link Message} and back. */
final class MessageCodec {
    private MessageCodec() {
    }

    /**
     * Decodes a payload. Trailing bytes after the fields are ignored, as Core does.
     *
     * @throws LimitExceededException more entries than Core allows (misbehaviour)
     * @throws MalformedMessageException the payload does not decode (Core drops the message)
     */
    static Message decode(String command, byte[] payload) throws MalformedMessageException {
        WireReader in = new WireReader(payload);
        try {
            return switch (command) {
                case VersionMessage.COMMAND -> VersionMessage.read(in);
                case "verack", "getaddr", "sendheaders", "wtxidrelay", "sendaddrv2", "mempool" ->
                        new EmptyMessage(command);
                case PingMessage.COMMAND -> PingMessage.read(in);
                case PongMessage.COMMAND -> PongMessage.read(in);
                case AddrMessage.COMMAND -> AddrMessage.read(in);
                case AddrV2Message.COMMAND -> AddrV2Message.read(in);
                case InventoryMessage.INV, InventoryMessage.GETDATA, InventoryMessage.NOTFOUND ->
                        InventoryMessage.read(command, in);
                case LocatorMessage.GETHEADERS, LocatorMessage.GETBLOCKS -> LocatorMessage.read(command, in);
                case HeadersMessage.COMMAND -> HeadersMessage.read(in);
                case SendCmpctMessage.COMMAND -> SendCmpctMessage.read(in);
                case FeeFilterMessage.COMMAND -> FeeFilterMessage.read(in);
                default -> new RawMessage(command, Bytes.copyOf(payload));
            };
        } catch (LimitExceededException e) {
            throw new LimitExceededException(V1Transport.printable(command) + ": " + e.getMessage());
        } catch (MalformedMessageException e) {
            throw new MalformedMessageException(V1Transport.printable(command) + ": " + e.getMessage());
        }
    }

    /** Core's message types (ALL_NET_MESSAGE_TYPES); the rest are counted as "*other*". */
    private static final java.util.Set<String> KNOWN = java.util.Set.of("version", "verack", "addr", "addrv2",
            "sendaddrv2", "inv", "getdata", "merkleblock", "getblocks", "getheaders", "tx", "headers", "block",
            "getaddr", "mempool", "ping", "pong", "notfound", "filterload", "filteradd", "filterclear",
            "sendheaders", "feefilter", "sendcmpct", "cmpctblock", "getblocktxn", "blocktxn", "getcfilters",
            "cfilter", "getcfheaders", "cfheaders", "getcfcheckpt", "cfcheckpt", "wtxidrelay", "sendtxrcncl");

    static boolean known(String command) {
        return KNOWN.contains(command);
    }

    static byte[] encode(Message message) {
        WireWriter out = new WireWriter();
        message.write(out);
        return out.toByteArray();
    }
}

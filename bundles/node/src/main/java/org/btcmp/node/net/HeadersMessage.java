package org.btcmp.node.net;

import java.util.List;

/**
 * headers: up to 2 000 serialized 80-byte block headers, each followed by a transaction count that Core reads
 * and ignores. As in Core, the count is checked before any header is read.
 */
public record HeadersMessage(List<Bytes> headers) implements Message {
    public static final String COMMAND = "headers";
    public static final int HEADER_SIZE = 80;

    public HeadersMessage {
        headers = List.copyOf(headers);
        for (Bytes h : headers) {
            if (h.length() != HEADER_SIZE) {
                throw new IllegalArgumentException("a block header is 80 bytes, not " + h.length());
            }
        }
    }

    @Override
    public String command() {
        return COMMAND;
    }

    static HeadersMessage read(WireReader in) throws MalformedMessageException {
        return new HeadersMessage(in.list("headers", ProtocolLimits.MAX_HEADERS, HEADER_SIZE + 1, true, r -> {
            Bytes header = Bytes.wrap(r.bytes(HEADER_SIZE, "header"));
            r.compactSize("header tx count");
            return header;
        }));
    }

    @Override
    public void write(WireWriter out) {
        out.compactSize(headers.size());
        headers.forEach(h -> out.bytes(h.unsafeArray()).u8(0));
    }
}

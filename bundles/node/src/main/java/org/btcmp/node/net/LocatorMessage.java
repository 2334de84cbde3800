package org.btcmp.node.net;

import java.util.List;

/**
 * getheaders and getblocks: a block locator (newest first) and a stop hash (zero for "as many as allowed").
 * A locator over 101 hashes makes Core disconnect; the protocol layer checks that, not the codec.
 */
public record LocatorMessage(String command, int version, List<Bytes> locator, Bytes stop) implements Message {
    public static final String GETHEADERS = "getheaders";
    public static final String GETBLOCKS = "getblocks";

    public LocatorMessage {
        locator = List.copyOf(locator);
    }

    static LocatorMessage read(String command, WireReader in) throws MalformedMessageException {
        int version = in.i32("version");
        List<Bytes> locator = in.list("locator", Integer.MAX_VALUE, 32, false,
                r -> Bytes.wrap(r.bytes(32, "locator hash")));
        Bytes stop = Bytes.wrap(in.bytes(32, "hash_stop"));
        return new LocatorMessage(command, version, locator, stop);
    }

    @Override
    public void write(WireWriter out) {
        out.i32(version).compactSize(locator.size());
        locator.forEach(h -> out.bytes(h.unsafeArray()));
        out.bytes(stop.unsafeArray());
    }
}

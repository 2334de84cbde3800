package org.btcmp.node.net;

/** One addr entry: when the address was last seen (seconds, unsigned 32-bit), and the address. */
public record TimedAddress(long time, NetAddress address) {
    static final int SIZE = 4 + NetAddress.SIZE;

    static TimedAddress read(WireReader in) throws MalformedMessageException {
        return new TimedAddress(in.u32("addr time"), NetAddress.read(in, "addr"));
    }

    void write(WireWriter out) {
        out.i32((int) time);
        address.write(out);
    }
}

package org.btcmp.node.net;

/** An inventory entry: a type and a 32-byte hash (internal byte order). */
public record InvVector(int type, Bytes hash) {
    static final int SIZE = 36;
    public static final int MSG_TX = 1;
    public static final int MSG_BLOCK = 2;
    public static final int MSG_FILTERED_BLOCK = 3;
    public static final int MSG_CMPCT_BLOCK = 4;
    public static final int MSG_WTX = 5;
    /** Set on tx and block types to ask for witness serialization. */
    public static final int MSG_WITNESS_FLAG = 1 << 30;

    static InvVector read(WireReader in) throws MalformedMessageException {
        return new InvVector(in.i32("inv type"), Bytes.wrap(in.bytes(32, "inv hash")));
    }

    void write(WireWriter out) {
        out.i32(type).bytes(hash.unsafeArray());
    }
}

package org.btcmp.node.net;

/** sendcmpct (BIP152): whether the peer wants high-bandwidth announcements, and the compact block version. */
public record SendCmpctMessage(boolean highBandwidth, long version) implements Message {
    public static final String COMMAND = "sendcmpct";

    @Override
    public String command() {
        return COMMAND;
    }

    static SendCmpctMessage read(WireReader in) throws MalformedMessageException {
        return new SendCmpctMessage(in.bool("announce"), in.i64("version"));
    }

    @Override
    public void write(WireWriter out) {
        out.bool(highBandwidth).i64(version);
    }
}

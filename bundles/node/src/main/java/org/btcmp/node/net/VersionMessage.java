package org.btcmp.node.net;

/**
 * version: what a peer announces about itself. Decoded as leniently as Core: only the fields up to the
 * receiver's address are required; later ones default when the payload ends early.
 */
public record VersionMessage(int version, long services, long time, NetAddress receiver, NetAddress sender,
        long nonce, String userAgent, int startHeight, boolean relay) implements Message {
    public static final String COMMAND = "version";

    @Override
    public String command() {
        return COMMAND;
    }

    static VersionMessage read(WireReader in) throws MalformedMessageException {
        int version = in.i32("version");
        long services = in.i64("services");
        long time = in.i64("timestamp");
        NetAddress receiver = NetAddress.read(in, "addr_recv");
        NetAddress sender = null;
        long nonce = 0;
        String userAgent = "";
        int startHeight = 0;
        boolean relay = true;
        if (in.remaining() > 0) {
            sender = NetAddress.read(in, "addr_from");
            nonce = in.i64("nonce");
        }
        if (in.remaining() > 0) {
            userAgent = in.limitedString(ProtocolLimits.MAX_USER_AGENT, "user_agent");
        }
        if (in.remaining() > 0) {
            startHeight = in.i32("start_height");
        }
        if (in.remaining() > 0) {
            relay = in.bool("relay");
        }
        return new VersionMessage(version, services, time, receiver, sender, nonce, userAgent, startHeight, relay);
    }

    @Override
    public void write(WireWriter out) {
        out.i32(version).i64(services).i64(time);
        receiver.write(out);
        if (sender == null) {
            out.bytes(new byte[NetAddress.SIZE]); // a decoded short version has none; Core sends zeros too
        } else {
            sender.write(out);
        }
        out.i64(nonce).string(userAgent).i32(startHeight).bool(relay);
    }
}

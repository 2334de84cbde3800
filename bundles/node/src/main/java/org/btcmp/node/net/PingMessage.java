package org.btcmp.node.net;

/** ping (BIP31): the peer answers with a pong carrying the same nonce. */
public record PingMessage(long nonce) implements Message {
    public static final String COMMAND = "ping";

    @Override
    public String command() {
        return COMMAND;
    }

    static PingMessage read(WireReader in) throws MalformedMessageException {
        return new PingMessage(in.i64("nonce"));
    }

    @Override
    public void write(WireWriter out) {
        out.i64(nonce);
    }
}

package org.btcmp.node.net;

/** pong: the answer to a ping, echoing its nonce. */
public record PongMessage(long nonce) implements Message {
    public static final String COMMAND = "pong";

    @Override
    public String command() {
        return COMMAND;
    }

    static PongMessage read(WireReader in) throws MalformedMessageException {
        return new PongMessage(in.i64("nonce"));
    }

    @Override
    public void write(WireWriter out) {
        out.i64(nonce);
    }
}

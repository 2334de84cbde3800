package org.btcmp.node.net;

/** feefilter (BIP133): the lowest fee rate, in satoshis per 1 000 virtual bytes, the peer wants relayed. */
public record FeeFilterMessage(long feeRate) implements Message {
    public static final String COMMAND = "feefilter";

    @Override
    public String command() {
        return COMMAND;
    }

    static FeeFilterMessage read(WireReader in) throws MalformedMessageException {
        return new FeeFilterMessage(in.i64("feerate"));
    }

    @Override
    public void write(WireWriter out) {
        out.i64(feeRate);
    }
}

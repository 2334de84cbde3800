package org.btcmp.node.net;

/**
 * A message passed on undecoded: tx and block (decoded by the chain layer with the primitives' codecs), the
 * compact block messages, and commands this node does not know (which Core ignores).
 */
public record RawMessage(String command, Bytes payload) implements Message {
    public static final String TX = "tx";
    public static final String BLOCK = "block";

    @Override
    public void write(WireWriter out) {
        out.bytes(payload.unsafeArray());
    }
}

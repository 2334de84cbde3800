package org.btcmp.node.net;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;

/** BIP324 messages on an established v2 session. */
final class V2Transport implements MessageTransport {
    private final V2Session session;

    V2Transport(V2Session session) {
        this.session = session;
    }

    @Override
    public Frame read(InputStream in) throws IOException {
        V2Session.Message m = session.read(in);
        return new Frame(m.command(), m.payload(), null);
    }

    @Override
    public byte[] encode(String command, byte[] payload) {
        return session.encode(command, payload);
    }

    @Override
    public String protocolType() {
        return "v2";
    }

    @Override
    public String sessionId() {
        return HexFormat.of().formatHex(session.sessionId());
    }

    /** The network magic as the 4 bytes BIP324 hashes into its keys. */
    static byte[] magicBytes(P2pNetwork network) {
        int m = network.magic();
        return new byte[] {(byte) (m >>> 24), (byte) (m >>> 16), (byte) (m >>> 8), (byte) m};
    }
}

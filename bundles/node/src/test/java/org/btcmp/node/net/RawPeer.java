package org.btcmp.node.net;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A scripted peer on a plain socket: sends whatever bytes a test wants and reads frames back. */
final class RawPeer implements AutoCloseable {
    static final long FULL_SERVICES = ServiceFlags.NODE_NETWORK | ServiceFlags.NODE_WITNESS;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    final V1Transport transport = new V1Transport(P2pNetwork.REGTEST);
    final List<String> received = new ArrayList<>();

    RawPeer(InetSocketAddress remote) throws IOException {
        socket = new Socket();
        socket.connect(remote, 10_000);
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static VersionMessage version(int protocolVersion) {
        NetAddress any = new NetAddress(0, Inet.ANY_V4, 0);
        return new VersionMessage(protocolVersion, FULL_SERVICES, System.currentTimeMillis() / 1000, any, any,
                12345, "/rawpeer/", 0, true);
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    byte[] frame(Message m) {
        return transport.encode(m.command(), MessageCodec.encode(m));
    }

    void send(Message m) throws IOException {
        sendRaw(frame(m));
    }

    /** Reads the next frame, or null when the connection closed. */
    Frame read() throws Exception {
        Frame f = transport.read(in);
        if (f != null) {
            received.add(f.command());
        }
        return f;
    }

    /** Reads frames until one with the command arrives. */
    Message expect(String command) throws Exception {
        while (true) {
            Frame f = transport.read(in);
            if (f == null) {
                throw new IOException("connection closed while waiting for " + command + "; got " + received);
            }
            received.add(f.command());
            if (f.command().equals(command)) {
                return MessageCodec.decode(f.command(), f.payload());
            }
        }
    }

    void handshake() throws Exception {
        send(version(70016));
        expect("version");
        expect("verack");
        send(EmptyMessage.VERACK);
    }

    /** The handshake of a peer that asks for announcements by wtxid (BIP339). */
    void handshakeWtxid() throws Exception {
        send(version(70016));
        expect("version");
        send(EmptyMessage.WTXIDRELAY);
        expect("verack");
        send(EmptyMessage.VERACK);
    }

    /** Proves the connection still works: a ping is answered with its nonce. */
    void assertAlive(long nonce) throws Exception {
        send(new PingMessage(nonce));
        while (true) {
            Message m = expect("pong");
            if (m.equals(new PongMessage(nonce))) {
                return;
            }
        }
    }

    /** Every message with the command that arrives within the window (others are skipped). */
    List<Message> collect(String command, Duration window) throws Exception {
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return out;
                }
                socket.setSoTimeout((int) left);
                Frame f = transport.read(in);
                if (f == null) {
                    return out;
                }
                received.add(f.command());
                if (f.command().equals(command)) {
                    out.add(MessageCodec.decode(f.command(), f.payload()));
                }
            }
        } catch (SocketTimeoutException e) {
            return out;
        } finally {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        }
    }

    /** True when the remote side closes the connection within the read timeout. */
    boolean closedByRemote() throws IOException {
        try {
            while (transport.read(in) != null) {
                // drain whatever was sent before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (FramingException e) {
            throw new IOException(e);
        } catch (IOException e) {
            return true; // reset or EOF mid-frame: closed all the same
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

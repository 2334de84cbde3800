package org.btcmp.ipc.capnp.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketPair;

/** Connected pairs of UNIX stream sockets, from the JDK or from junixsocket. */
public final class SocketPairs {

    private SocketPairs() {
    }

    /** JDK 16+ UNIX-domain channels: the baseline. */
    public static SocketChannel[] jdk(Path dir) throws IOException {
        Path path = dir.resolve("jdk-" + System.nanoTime() + ".sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
            SocketChannel accepted = server.accept();
            return new SocketChannel[] {client, accepted};
        } finally {
            Files.deleteIfExists(path);
        }
    }

    /** junixsocket channels, what {@link org.btcmp.ipc.capnp.net.UnixSockets} uses. */
    static SocketChannel[] junixsocket() throws IOException {
        AFUNIXSocketPair<AFUNIXSocketChannel> pair = AFUNIXSocketPair.open();
        return new SocketChannel[] {pair.getSocket1(), pair.getSocket2()};
    }

    static void close(SocketChannel[] pair) throws IOException {
        pair[0].close();
        pair[1].close();
    }
}

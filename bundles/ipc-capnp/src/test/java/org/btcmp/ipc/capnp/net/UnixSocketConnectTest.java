package org.btcmp.ipc.capnp.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketPair;
import org.newsclub.net.unix.FileDescriptorCast;

/** Connecting to unix:PATH and taking over fd:N, with one clear line for each way it can go wrong. */
@Timeout(60)
class UnixSocketConnectTest {
    @TempDir
    Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    @Test
    void aMissingSocketSaysSo() {
        Path socket = dir.resolve("node.sock");
        assertEquals("cannot connect to unix:" + socket + ": no such socket", connectError(socket));

        Path inMissingDir = dir.resolve("regtest/node.sock");
        assertEquals("cannot connect to unix:" + inMissingDir + ": no such socket (the directory " + dir.resolve("regtest")
                + " does not exist)", connectError(inMissingDir));
    }

    @Test
    void aSocketNobodyListensOnIsRefused() throws Exception {
        Path socket = dir.resolve("node.sock");
        try (AFUNIXServerSocketChannel gone = AFUNIXServerSocketChannel.open()) {
            gone.bind(AFUNIXSocketAddress.of(socket));
            gone.socket().setDeleteOnClose(false);
        }
        assertEquals("cannot connect to unix:" + socket + ": nobody is listening there (a socket file left by a process"
                + " that is gone)", connectError(socket));
    }

    @Test
    void aPathThatIsNotASocketIsRefusedUntouched() throws Exception {
        Path file = Files.writeString(dir.resolve("node.sock"), "data");
        assertEquals("cannot connect to unix:" + file + ": it is not a socket", connectError(file));
        assertEquals("data", Files.readString(file));
        Path directory = Files.createDirectory(dir.resolve("dir.sock"));
        assertEquals("cannot connect to unix:" + directory + ": it is not a socket", connectError(directory));
    }

    @Test
    void aPathTooLongIsRefused() {
        Path socket = dir.resolve("x".repeat(110));
        int over = socket.toString().length() - SocketFiles.MAX_PATH_BYTES;
        assertEquals("cannot connect to unix:" + socket + ": the path " + socket + " is too long for a UNIX socket ("
                + over + " bytes over the limit of 107); use a shorter -datadir or socket path", connectError(socket));
    }

    @Test
    void aRelativePathIsResolvedAndNamedInFull() {
        Path relative = Path.of("no-such-dir-here", "node.sock");
        assertEquals("cannot connect to unix:" + relative.toAbsolutePath() + ": no such socket (the directory "
                + relative.toAbsolutePath().getParent() + " does not exist)", connectError(relative));
    }

    @Test
    void addressesPickTheWay() throws Exception {
        Path socket = dir.resolve("node.sock");
        UnixSocketListener listener = track(UnixSockets.listen(socket, FrameLimits.DEFAULT));
        FrameConnection client = track(UnixSockets.connect(IpcAddress.unix(socket), FrameLimits.DEFAULT));
        assertEquals("unix:" + socket, client.name());
        assertRoundTrip(client, track(listener.accept()));

        IpcException local = assertThrows(IpcException.class,
                () -> UnixSockets.connect(IpcAddress.local("node"), FrameLimits.DEFAULT));
        assertEquals("the UNIX socket transport cannot reach local:node (only unix: and fd: addresses)", local.getMessage());
        IpcException notNumber = assertThrows(IpcException.class,
                () -> UnixSockets.connect(IpcAddress.parse("fd:three"), FrameLimits.DEFAULT));
        assertEquals("bad IPC address fd:three: the file descriptor must be a number", notNumber.getMessage());
    }

    @Test
    void theListeningProcessesCredentialsAreKnown() throws Exception {
        Path socket = dir.resolve("node.sock");
        UnixSocketListener listener = track(UnixSockets.listen(socket, FrameLimits.DEFAULT));

        UnixPeer server = UnixSockets.connectPeer(socket, FrameLimits.DEFAULT);
        track(server.connection());

        assertEquals(ProcessHandle.current().pid(), server.credentials().pid());
        assertEquals(((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue(), server.credentials().uid());
        assertRoundTrip(server.connection(), track(listener.accept()));
    }

    @Test
    void anInheritedConnectedSocketCarriesFrames() throws Exception {
        AFUNIXSocketPair<AFUNIXSocketChannel> pair = AFUNIXSocketPair.open();
        // Take over a duplicate, as a child takes over what it inherited. The original stays open until the
        // end: junixsocket shuts a socket down when closing it, which would end the duplicate's connection too.
        track(pair.getSocket1());
        int fd = FileDescriptorCast.duplicating(pair.getSocket1().getFileDescriptor()).as(Integer.class);

        FrameConnection inherited = track(UnixSockets.connect(IpcAddress.fd(fd), FrameLimits.DEFAULT));

        assertEquals("fd:" + fd, inherited.name());
        assertRoundTrip(inherited, track(new FrameConnection(pair.getSocket2(), "other end", FrameLimits.DEFAULT)));
    }

    @Test
    void aDescriptorThatIsNotOpenIsNamed() {
        assertEquals("cannot use inherited file descriptor 65000: it is not open in this process", inheritError(65000));
        assertEquals("cannot use inherited file descriptor -1: not a file descriptor number", inheritError(-1));
    }

    @Test
    void aDescriptorThatIsNotASocketIsNamedWithWhatItIs() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            int fd = FileDescriptorCast.using(in.getFD()).as(Integer.class);
            assertEquals("cannot use inherited file descriptor " + fd + ": it is not a socket (it is " + file + ")",
                    inheritError(fd));
        }
    }

    @Test
    void aDatagramPairIsNotAStream() throws Exception {
        AFUNIXSocketPair<org.newsclub.net.unix.AFUNIXDatagramChannel> pair = AFUNIXSocketPair.openDatagram();
        try (var one = pair.getSocket1(); var two = pair.getSocket2()) {
            int fd = FileDescriptorCast.using(one.getFileDescriptor()).as(Integer.class);
            assertEquals("cannot use inherited file descriptor " + fd + ": it is a UNIX socket but not a stream socket",
                    inheritError(fd));
        }
    }

    @Test
    void aTcpSocketIsNotAUnixSocket() throws Exception {
        try (ServerSocketChannel tcp = ServerSocketChannel.open()) {
            tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(tcp.getLocalAddress());
                    SocketChannel accepted = tcp.accept()) {
                int fd = descriptorOf(client);
                assertEquals("cannot use inherited file descriptor " + fd + ": it is not a UNIX socket", inheritError(fd));
                assertTrue(client.isOpen(), "a refused descriptor is left open");
            }
        }
    }

    @Test
    void aListeningUnixSocketIsNotConnected() throws Exception {
        try (AFUNIXServerSocketChannel server = AFUNIXServerSocketChannel.open()) {
            server.bind(AFUNIXSocketAddress.of(dir.resolve("l.sock")));
            int fd = FileDescriptorCast.using(server.getFileDescriptor()).as(Integer.class);
            assertEquals("cannot use inherited file descriptor " + fd + ": it is a UNIX socket but not a connected one"
                    + " (it is listening)", inheritError(fd));
            assertTrue(server.isOpen(), "a refused descriptor is left open");
        }
    }

    /** The JDK hides a channel's descriptor number; /proc shows the socket's inode, which the JDK also hides. */
    private static int descriptorOf(SocketChannel channel) throws Exception {
        String local = channel.getLocalAddress().toString();
        int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        String hexPort = String.format("%04X", port);
        String inode = null;
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && fields[1].endsWith(":" + hexPort)) {
                    inode = fields[9];
                }
            }
        }
        if (inode == null) {
            throw new AssertionError("no /proc/self/net/tcp entry for " + local);
        }
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            for (Path entry : entries.toList()) {
                try {
                    if (Files.readSymbolicLink(entry).toString().equals("socket:[" + inode + "]")) {
                        return Integer.parseInt(entry.getFileName().toString());
                    }
                } catch (java.io.IOException gone) {
                    // a descriptor closed while listing
                }
            }
        }
        throw new AssertionError("no descriptor for socket inode " + inode);
    }

    private static String connectError(Path socket) {
        return assertThrows(IpcException.class, () -> UnixSockets.connect(socket, FrameLimits.DEFAULT)).getMessage();
    }

    private static String inheritError(int fd) {
        return assertThrows(IpcException.class, () -> UnixSockets.inherited(fd, FrameLimits.DEFAULT)).getMessage();
    }

    private static void assertRoundTrip(FrameConnection one, FrameConnection other) throws InterruptedException {
        RecordingHandler atOther = new RecordingHandler();
        RecordingHandler atOne = new RecordingHandler();
        other.start(atOther);
        one.start(atOne);
        one.send(RecordingHandler.message(new byte[] {7}));
        assertArrayEquals(new byte[] {7}, atOther.next());
        other.send(RecordingHandler.message(new byte[] {8, 9}));
        assertArrayEquals(new byte[] {8, 9}, atOne.next());
    }

    private <T extends AutoCloseable> T track(T closeable) {
        cleanup.add(closeable);
        return closeable;
    }
}

package org.btcmp.ipc.capnp.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** node.sock safety: directory and socket permissions, stale and live sockets, and what close removes. */
@Timeout(60)
class UnixSocketListenerTest {
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
    void missingDirectoriesAreCreatedOwnerOnlyAndTheSocketIs0600() throws Exception {
        Path socket = dir.resolve("datadir/regtest/node.sock");
        UnixSocketListener listener = listen(socket);

        assertEquals("rwx------", permissions(dir.resolve("datadir")));
        assertEquals("rwx------", permissions(dir.resolve("datadir/regtest")));
        assertEquals("rw-------", permissions(socket));
        assertEquals(socket, listener.path());
        assertEquals(List.of("node.sock"), names(socket.getParent()), "no staging leftovers beside the socket");
        assertRoundTrip(listener, socket);
    }

    @Test
    void anExistingOwnerOnlyOrReadableDirectoryIsUsedAsItIs() throws Exception {
        Path network = Files.createDirectory(dir.resolve("regtest"));
        Files.setPosixFilePermissions(network, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path socket = network.resolve("node.sock");
        UnixSocketListener listener = listen(socket);

        assertEquals("rwxr-xr-x", permissions(network), "a directory others may only read is left alone");
        assertEquals("rw-------", permissions(socket));
        assertRoundTrip(listener, socket);
    }

    @Test
    void aDirectoryOthersCanWriteIsRefused() throws Exception {
        for (String mode : List.of("rwxrwx---", "rwx---rwx", "rwxrwxrwx")) {
            Path network = Files.createDirectory(dir.resolve("open-" + mode));
            Files.setPosixFilePermissions(network, PosixFilePermissions.fromString(mode));
            Path socket = network.resolve("node.sock");

            IpcException refused = assertThrows(IpcException.class, () -> listen(socket));

            assertEquals("cannot listen on unix:" + socket + ": the directory " + network + " is writable by others ("
                    + mode + "), who could replace the socket; run chmod go-w on it or choose another directory",
                    refused.getMessage());
            assertEquals(List.of(), names(network), "nothing was created in " + mode);
            assertEquals(mode, permissions(network), "the directory was not changed");
        }
    }

    @Test
    void aStickyDirectoryLikeTmpIsAcceptedAndTheSocketStaysOwnerOnly() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Process chmod = new ProcessBuilder("chmod", "1777", shared.toString()).inheritIO().start();
        assertEquals(0, chmod.waitFor());
        Path socket = shared.resolve("node.sock");

        UnixSocketListener listener = listen(socket);

        assertEquals("rw-------", permissions(socket));
        assertEquals("rwxrwxrwx", permissions(shared), "the directory was not changed");
        assertRoundTrip(listener, socket);
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws Exception {
        long self = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        Path foreign;
        if (self == 0) {
            // root can give a directory away; anyone else finds one of root's
            foreign = Files.createDirectory(dir.resolve("theirs"));
            Files.setPosixFilePermissions(foreign, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setAttribute(foreign, "unix:uid", 65534);
        } else {
            foreign = Path.of("/");
        }
        long owner = ((Number) Files.getAttribute(foreign, "unix:uid")).longValue();
        Path socket = foreign.resolve("node.sock");

        IpcException refused = assertThrows(IpcException.class, () -> listen(socket));

        assertEquals("cannot listen on unix:" + socket + ": the directory " + foreign + " belongs to user id " + owner
                + ", not to this process's user id " + self, refused.getMessage());
        assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aStaleSocketFileIsReplacedAndTightened() throws Exception {
        Path socket = dir.resolve("node.sock");
        try (AFUNIXServerSocketChannel gone = AFUNIXServerSocketChannel.open()) {
            gone.bind(AFUNIXSocketAddress.of(socket));
            gone.socket().setDeleteOnClose(false);
        }
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));
        Object staleKey = Files.readAttributes(socket, "unix:ino").get("ino");

        UnixSocketListener listener = listen(socket);

        assertFalse(staleKey.equals(Files.readAttributes(socket, "unix:ino").get("ino")), "a new socket file");
        assertEquals("rw-------", permissions(socket));
        assertRoundTrip(listener, socket);
    }

    @Test
    void aLiveSocketIsRefusedAndKeepsWorking() throws Exception {
        Path socket = dir.resolve("node.sock");
        UnixSocketListener first = listen(socket);

        IpcException taken = assertThrows(IpcException.class, () -> listen(socket));

        assertEquals("cannot listen on unix:" + socket + ": another process is listening on " + socket, taken.getMessage());
        first.accept().close(); // the refused attempt's probe connection
        assertRoundTrip(first, socket);
    }

    @Test
    void aPathTooLongForASocketAddressIsRefusedBeforeAnythingIsCreated() {
        Path deep = dir.resolve("d".repeat(120));
        Path socket = deep.resolve("node.sock");

        IpcException tooLong = assertThrows(IpcException.class, () -> listen(socket));

        int over = socket.toString().length() - SocketFiles.MAX_PATH_BYTES;
        assertEquals("cannot listen on unix:" + socket + ": the path " + socket + " is too long for a UNIX socket ("
                + over + " bytes over the limit of 107); use a shorter -datadir or socket path", tooLong.getMessage());
        assertFalse(Files.exists(deep), "no directory was created");
    }

    @Test
    void aPathThatIsNotASocketIsLeftUntouched() throws Exception {
        Path file = Files.writeString(dir.resolve("file.sock"), "mine");
        Path directory = Files.createDirectory(dir.resolve("dir.sock"));
        Path target = Files.writeString(dir.resolve("target"), "linked");
        Path link = Files.createSymbolicLink(dir.resolve("link.sock"), target);

        for (Path path : List.of(file, directory, link)) {
            IpcException refused = assertThrows(IpcException.class, () -> listen(path));
            assertEquals("cannot listen on unix:" + path + ": it exists and is not a socket", refused.getMessage());
        }
        assertEquals("mine", Files.readString(file));
        assertTrue(Files.isDirectory(directory));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("linked", Files.readString(target));
        assertEquals(List.of("dir.sock", "file.sock", "link.sock", "target"), names(dir), "no staging leftovers");
    }

    @Test
    void closeRemovesItsOwnSocketFile() {
        Path socket = dir.resolve("node.sock");
        UnixSocketListener listener = listen(socket);

        listener.close();
        listener.close();

        assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
        assertThrows(IpcException.class, listener::accept);
    }

    @Test
    void closeLeavesAnotherListenersSocketAlone() throws Exception {
        Path socket = dir.resolve("node.sock");
        UnixSocketListener first = listen(socket);
        Files.move(socket, dir.resolve("moved-away.sock")); // e.g. an operator moved it; the path is free again
        UnixSocketListener second = listen(socket);

        first.close();

        assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), "the second listener's socket survives");
        assertTrue(Files.exists(dir.resolve("moved-away.sock")), "a file elsewhere is never touched");
        assertRoundTrip(second, socket);
        second.close();
        assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void closeLeavesAFileThatReplacedTheSocketAlone() throws Exception {
        Path socket = dir.resolve("node.sock");
        UnixSocketListener listener = listen(socket);
        Files.delete(socket);
        Files.writeString(socket, "someone else's");

        listener.close();

        assertEquals("someone else's", Files.readString(socket));
    }

    @Test
    void acceptedPeersCarryTheirCredentials() throws Exception {
        Path socket = dir.resolve("node.sock");
        UnixSocketListener listener = listen(socket);
        track(UnixSockets.connect(socket, FrameLimits.DEFAULT));

        UnixPeer peer = listener.acceptPeer();
        track(peer.connection());

        assertEquals(ProcessHandle.current().pid(), peer.credentials().pid());
        assertEquals(((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue(), peer.credentials().uid());
        assertEquals(((Number) Files.getAttribute(Path.of("/proc/self"), "unix:gid")).longValue(), peer.credentials().gid());
        assertTrue(peer.connection().name().contains("pid " + ProcessHandle.current().pid()), peer.connection().name());
    }

    private void assertRoundTrip(UnixSocketListener listener, Path socket) throws InterruptedException {
        FrameConnection client = track(UnixSockets.connect(socket, FrameLimits.DEFAULT));
        FrameConnection server = track(listener.accept());
        RecordingHandler atServer = new RecordingHandler();
        server.start(atServer);
        client.start(new RecordingHandler());
        client.send(RecordingHandler.message(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, atServer.next());
    }

    private UnixSocketListener listen(Path socket) {
        return track(UnixSockets.listen(socket, FrameLimits.DEFAULT));
    }

    private <T extends AutoCloseable> T track(T closeable) {
        cleanup.add(closeable);
        return closeable;
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static List<String> names(Path directory) throws Exception {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

package org.btcmp.ipc.capnp.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.wire.Frame;
import org.btcmp.ipc.capnp.wire.FrameException;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.btcmp.ipc.capnp.wire.FrameReader;
import org.capnproto.AnyPointer;
import org.capnproto.Data;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;

@Timeout(60)
class FrameConnectionTest {
    @TempDir
    Path dir;
    private Path socket;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeEach
    void socketPath() {
        socket = dir.resolve("test.sock");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    @Test
    void framesArriveInOrderBothWays() throws Exception {
        UnixSocketListener listener = listen();
        FrameConnection client = track(UnixSockets.connect(socket, FrameLimits.DEFAULT));
        FrameConnection server = track(listener.accept());
        RecordingHandler atServer = new RecordingHandler();
        RecordingHandler atClient = new RecordingHandler();
        server.start(atServer);
        client.start(atClient);

        for (int i = 0; i < 100; i++) {
            client.send(RecordingHandler.message(payload(i, i * 10)));
        }
        for (int i = 0; i < 100; i++) {
            byte[] request = atServer.next();
            assertArrayEquals(payload(i, i * 10), request, "request " + i);
            server.send(RecordingHandler.message(request));
        }
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(payload(i, i * 10), atClient.next(), "reply " + i);
        }
    }

    @Test
    void concurrentSendersNeverInterleaveFrames() throws Exception {
        FrameConnection[] pair = pair();
        RecordingHandler receiver = new RecordingHandler();
        pair[1].start(receiver);
        pair[0].start(new RecordingHandler());
        int threads = 8;
        int perThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> sends = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            sends.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    // every 10th message is larger than the writer's staging buffer
                    int size = i % 10 == 0 ? 100_000 + i : 20 + i;
                    pair[0].send(RecordingHandler.message(payload(thread * 1000 + i, size)));
                }
                return null;
            }));
        }
        for (Future<?> send : sends) {
            send.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        int[] nextPerThread = new int[threads];
        for (int n = 0; n < threads * perThread; n++) {
            byte[] received = receiver.next();
            int id = ByteBuffer.wrap(received).getInt(0);
            int thread = id / 1000;
            int i = id % 1000;
            assertEquals(nextPerThread[thread]++, i, "order of thread " + thread);
            assertArrayEquals(payload(id, i % 10 == 0 ? 100_000 + i : 20 + i), received, "frame " + id);
        }
    }

    @Test
    void peerCloseIsReportedOnceOnEachSide() throws Exception {
        FrameConnection[] pair = pair();
        RecordingHandler closer = new RecordingHandler();
        RecordingHandler peer = new RecordingHandler();
        pair[0].start(closer);
        pair[1].start(peer);

        pair[0].close();
        pair[0].close();

        assertTrue(closer.awaitCause().getMessage().endsWith("closed locally"), closer.closes.toString());
        assertTrue(peer.awaitCause().getMessage().endsWith("closed by the peer"), peer.closes.toString());
        assertFalse(pair[1].isOpen());
        assertTrue(pair[0].awaitClosed(RecordingHandler.NO_HANG));
    }

    @Test
    void protocolErrorEndsTheConnectionWithTheReasonAfterTheHandlerToldThePeer() throws Exception {
        UnixSocketListener listener = listen();
        try (AFUNIXSocketChannel raw = AFUNIXSocketChannel.open(AFUNIXSocketAddress.of(socket))) {
            FrameConnection server = track(listener.accept());
            List<FrameException> errors = new CopyOnWriteArrayList<>();
            RecordingHandler handler = new RecordingHandler() {
                @Override
                public void onProtocolError(FrameException error) {
                    errors.add(error);
                    server.send(RecordingHandler.message("abort".getBytes(US_ASCII)));
                }
            };
            server.start(handler);

            raw.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 511).putInt(4, 1));

            IpcException cause = handler.awaitCause();
            assertTrue(cause.getMessage().startsWith("protocol error on unix:" + socket), cause.getMessage());
            assertTrue(cause.getMessage().contains("512 segments"), cause.getMessage());
            assertEquals(1, errors.size());
            assertSame(errors.get(0), cause.getCause());
            try (Frame last = new FrameReader(raw, FrameLimits.DEFAULT).read()) {
                assertArrayEquals("abort".getBytes(US_ASCII),
                        last.message().getRoot(AnyPointer.factory).getAs(Data.factory).toArray());
            }
            assertEquals(-1, raw.read(ByteBuffer.allocate(1)), "then the server hung up");
        }
    }

    @Test
    void truncatedFrameAtEndOfStreamIsAProtocolError() throws Exception {
        UnixSocketListener listener = listen();
        try (AFUNIXSocketChannel raw = AFUNIXSocketChannel.open(AFUNIXSocketAddress.of(socket))) {
            FrameConnection server = track(listener.accept());
            RecordingHandler atServer = new RecordingHandler();
            server.start(atServer);
            raw.write(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0).putInt(4, 4));
            raw.shutdownOutput();

            IpcException cause = atServer.awaitCause();
            assertTrue(cause.getMessage().contains("truncated frame"), cause.getMessage());
        }
    }

    @Test
    void sendingAfterTheEndNamesWhyItEnded() throws Exception {
        FrameConnection[] pair = pair();
        RecordingHandler handler = new RecordingHandler();
        pair[0].start(handler);
        pair[1].close();
        IpcException cause = handler.awaitCause();

        IpcException e = assertThrows(IpcException.class, () -> pair[0].send(RecordingHandler.message(new byte[8])));

        assertSame(cause, e.getCause());
        assertTrue(e.getMessage().contains("closed by the peer"), e.getMessage());
    }

    @Test
    void aFailingHandlerEndsTheConnection() throws Exception {
        FrameConnection[] pair = pair();
        RecordingHandler failing = new RecordingHandler() {
            @Override
            public void onFrame(Frame frame) {
                frame.close();
                throw new IllegalStateException("cannot handle this");
            }
        };
        RecordingHandler peer = new RecordingHandler();
        pair[0].start(failing);
        pair[1].start(peer);

        pair[1].send(RecordingHandler.message(new byte[] {1}));

        IpcException cause = failing.awaitCause();
        assertTrue(cause.getMessage().contains("frame handler failed") && cause.getMessage().contains("cannot handle this"),
                cause.getMessage());
        assertTrue(peer.awaitCause().getMessage().endsWith("closed by the peer"));
    }

    @Test
    void aFrameNoPeerAcceptsIsRefusedAndTheConnectionStaysUp() throws Exception {
        FrameConnection[] pair = pair();
        RecordingHandler receiver = new RecordingHandler();
        pair[1].start(receiver);
        ByteBuffer[] tooMany = new ByteBuffer[512];
        for (int i = 0; i < tooMany.length; i++) {
            tooMany[i] = ByteBuffer.allocate(8);
        }

        assertThrows(IllegalArgumentException.class, () -> pair[0].send(tooMany));
        pair[0].send(RecordingHandler.message(new byte[] {42}));

        assertArrayEquals(new byte[] {42}, receiver.next());
        assertTrue(pair[0].isOpen());
    }

    @Test
    void interruptedSenderKeepsTheConnectionAndItsInterrupt() throws Exception {
        FrameConnection[] pair = pair();
        RecordingHandler receiver = new RecordingHandler();
        pair[1].start(receiver);

        Thread.currentThread().interrupt();
        try {
            pair[0].send(RecordingHandler.message(new byte[] {7}));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }

        assertArrayEquals(new byte[] {7}, receiver.next());
        assertTrue(pair[0].isOpen());
    }

    @Test
    void endpointErrorsNameThePath() throws Exception {
        Path missing = dir.resolve("nobody.sock");
        IpcException notThere = assertThrows(IpcException.class, () -> UnixSockets.connect(missing, FrameLimits.DEFAULT));
        assertTrue(notThere.getMessage().contains("cannot connect to unix:" + missing), notThere.getMessage());

        UnixSocketListener listener = listen();
        IpcException taken = assertThrows(IpcException.class, () -> UnixSockets.listen(socket, FrameLimits.DEFAULT));
        assertTrue(taken.getMessage().contains("cannot listen on unix:" + socket + ": another process is listening on " + socket),
                taken.getMessage());
        Path file = Files.writeString(dir.resolve("file.sock"), "not a socket");
        IpcException notSocket = assertThrows(IpcException.class, () -> UnixSockets.listen(file, FrameLimits.DEFAULT));
        assertTrue(notSocket.getMessage().endsWith("it exists and is not a socket"), notSocket.getMessage());
        assertEquals("not a socket", Files.readString(file));

        listener.close();
        assertFalse(Files.exists(socket), "closing the listener removes the socket file");
        IpcException closed = assertThrows(IpcException.class, listener::accept);
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }

    @Test
    void aSocketFileLeftByAGoneServerIsReplaced() throws Exception {
        try (AFUNIXServerSocketChannel gone = AFUNIXServerSocketChannel.open()) {
            gone.bind(AFUNIXSocketAddress.of(socket));
            gone.socket().setDeleteOnClose(false);
        }
        assertTrue(Files.exists(socket), "the gone server left its socket file");

        UnixSocketListener listener = listen();
        FrameConnection client = track(UnixSockets.connect(socket, FrameLimits.DEFAULT));
        RecordingHandler atServer = new RecordingHandler();
        track(listener.accept()).start(atServer);
        client.send(RecordingHandler.message(new byte[] {5}));

        assertArrayEquals(new byte[] {5}, atServer.next());
    }

    @Test
    void closingTheListenerWakesABlockedAccept() throws Exception {
        UnixSocketListener listener = listen();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> accepting = pool.submit(listener::accept);
            Thread.sleep(100);
            listener.close();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> accepting.get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof IpcException, e.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    private UnixSocketListener listen() {
        return track(UnixSockets.listen(socket, FrameLimits.DEFAULT));
    }

    private FrameConnection[] pair() {
        FrameConnection[] pair = UnixSockets.pair("test", FrameLimits.DEFAULT);
        track(pair[0]);
        track(pair[1]);
        return pair;
    }

    private <T extends AutoCloseable> T track(T closeable) {
        cleanup.add(closeable);
        return closeable;
    }

    /** {@code size} bytes (at least 4) starting with {@code id}, then a pattern derived from it. */
    static byte[] payload(int id, int size) {
        ByteBuffer bytes = ByteBuffer.allocate(Math.max(4, size)).putInt(id);
        while (bytes.hasRemaining()) {
            bytes.put((byte) (id + bytes.position()));
        }
        return bytes.array();
    }

}

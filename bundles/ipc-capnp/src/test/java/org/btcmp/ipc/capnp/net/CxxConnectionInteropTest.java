package org.btcmp.ipc.capnp.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.cxx.CxxPeer;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A FrameConnection served to a C++ peer that reads and writes with the C++ library. */
@Timeout(120)
class CxxConnectionInteropTest {
    private static CxxPeer peer;

    @TempDir
    Path dir;
    private UnixSocketListener listener;
    private FrameConnection connection;
    private Process process;

    @BeforeAll
    static void buildPeer() throws Exception {
        peer = CxxPeer.build("framing_peer");
    }

    @BeforeEach
    void requirePeer() {
        peer.assumeAvailable();
    }

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        if (connection != null) {
            connection.close();
        }
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void cxxEchoesEveryFrameInOrderThenHangsUpCleanly() throws Exception {
        RecordingHandler handler = acceptEchoPeer();

        for (int i = 0; i < 200; i++) {
            connection.send(RecordingHandler.message(FrameConnectionTest.payload(i, 8 + i * 50)));
        }
        for (int i = 0; i < 200; i++) {
            assertArrayEquals(FrameConnectionTest.payload(i, 8 + i * 50), handler.next(), "echo " + i);
        }
        connection.close();

        assertTrue(handler.awaitCause().getMessage().endsWith("closed locally"));
        CxxPeer.Result result = CxxPeer.await(process);
        assertEquals(0, result.status(), "the C++ peer saw a clean end of stream: " + result);
    }

    @Test
    void aKilledPeerEndsTheConnectionOnceAndSendsFailAfterwards() throws Exception {
        RecordingHandler handler = acceptEchoPeer();
        connection.send(RecordingHandler.message(new byte[] {1, 2, 3, 4}));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, handler.next());

        process.destroyForcibly().waitFor();

        IpcException cause = handler.awaitCause();
        assertTrue(cause.getMessage().contains("closed by the peer") || cause.getMessage().contains("failed"),
                cause.getMessage());
        assertFalse(connection.isOpen());
        assertThrows(IpcException.class, () -> connection.send(RecordingHandler.message(new byte[8])));
    }

    private RecordingHandler acceptEchoPeer() throws Exception {
        Path socket = dir.resolve("cxx.sock");
        listener = UnixSockets.listen(socket, FrameLimits.DEFAULT);
        process = peer.start("echo", socket.toString());
        connection = listener.accept();
        RecordingHandler handler = new RecordingHandler();
        connection.start(handler);
        return handler;
    }
}

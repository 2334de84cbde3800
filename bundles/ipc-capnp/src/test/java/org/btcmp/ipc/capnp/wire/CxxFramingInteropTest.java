package org.btcmp.ipc.capnp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.btcmp.ipc.capnp.cxx.CxxPeer;
import org.capnproto.AnyPointer;
import org.capnproto.Data;
import org.capnproto.MessageBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/** The Java framing against the C++ library's readMessage/writeMessage (src/test/c++/framing_peer.c++). */
@Timeout(120)
class CxxFramingInteropTest {
    private static CxxPeer peer;

    @TempDir
    Path dir;
    private AFUNIXServerSocketChannel server;
    private Path socket;
    private Process process;

    @BeforeAll
    static void buildPeer() throws Exception {
        peer = CxxPeer.build("framing_peer");
    }

    @BeforeEach
    void requirePeer() {
        peer.assumeAvailable();
    }

    @BeforeEach
    void listen() throws Exception {
        socket = dir.resolve("peer.sock");
        server = AFUNIXServerSocketChannel.open();
        server.bind(AFUNIXSocketAddress.of(socket));
    }

    @AfterEach
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        server.close();
    }

    @Test
    void javaFramesComeBackFromCxxByteForByte() throws Exception {
        List<MessageBuilder> messages = List.of(TestMessages.dataList(1, false), TestMessages.dataList(40, true),
                TestMessages.dataList(300, true), oneMebibyte(), TestMessages.dataList(3, false));
        try (AFUNIXSocketChannel channel = startAndAccept("echo")) {
            FrameWriter writer = new FrameWriter(channel);
            FrameReader reader = new FrameReader(channel, FrameLimits.DEFAULT);
            for (MessageBuilder message : messages) {
                writer.write(message);
                try (Frame echoed = reader.read()) {
                    assertArrayEquals(TestMessages.frameBytes(message), FrameRoundTripTest.toArray(echoed.bytes()),
                            "frame of " + message.getSegmentsForOutput().length + " segment(s)");
                }
            }
            writer.write(FrameRoundTripTest.segments(511));
            try (Frame echoed = reader.read()) {
                assertEquals(511, echoed.segmentCount());
                assertArrayEquals(TestMessages.frameBytes(FrameRoundTripTest.segments(511)),
                        FrameRoundTripTest.toArray(echoed.bytes()));
            }
            channel.shutdownOutput();
            assertEquals(null, reader.read(), "the peer ends the stream after our last frame");
        }
        assertEquals(0, CxxPeer.await(process).status());
    }

    @Test
    void cxxManySegmentMessageReadsInJavaAndReframesIdentically() throws Exception {
        byte[] received;
        try (AFUNIXSocketChannel channel = startAndAccept("make", "300")) {
            received = readToEnd(channel);
        }
        CxxPeer.Result result = CxxPeer.await(process);
        assertEquals(0, result.status(), result.toString());

        FrameReader reader = new FrameReader(new MemoryChannel(received, Integer.MAX_VALUE), FrameLimits.DEFAULT);
        try (Frame frame = reader.read()) {
            assertTrue(frame.segmentCount() > 250, "segments: " + frame.segmentCount());
            assertEquals(received.length, frame.sizeInBytes());
            TestMessages.checkDataList(frame.message(), 300);
            assertArrayEquals(received, TestMessages.frameBytes(frame.segments()));
        }
        assertEquals(null, reader.read());
    }

    @Test
    void javaManySegmentMessagePassesTheCxxChecks() throws Exception {
        MessageBuilder message = TestMessages.dataList(300, true);
        try (AFUNIXSocketChannel channel = startAndAccept("check", "300")) {
            new FrameWriter(channel).write(message);
            CxxPeer.Result result = CxxPeer.await(process);

            assertEquals(0, result.status(), result.toString());
            assertEquals("segments=" + message.getSegmentsForOutput().length + " elements=300", result.stdout().trim());
        }
    }

    @Test
    void cxxAndJavaAcceptAndRefuseTheSameSegmentTables() throws Exception {
        byte[] count511 = TestMessages.frameBytes(FrameRoundTripTest.segments(511));
        assertEquals("segments=511", cxxVerdict(count511));
        assertEquals(511, new FrameReader(new MemoryChannel(count511, Integer.MAX_VALUE), FrameLimits.DEFAULT)
                .read().segmentCount());

        byte[] count512 = FrameRoundTripTest.toArray(TestMessages.words32(511, 1));
        assertTrue(cxxVerdict(count512).contains("too many segments"), cxxVerdict(count512));
        assertThrows(FrameException.class, () -> javaVerdict(count512));

        byte[] twoGiB = FrameRoundTripTest.toArray(TestMessages.words32(0, 1 << 28));
        assertTrue(cxxVerdict(twoGiB).contains("too large"), cxxVerdict(twoGiB));
        assertThrows(FrameException.class, () -> javaVerdict(twoGiB));
    }

    /** What the C++ reader makes of {@code bytes}: "segments=N" or "refused: reason". */
    private String cxxVerdict(byte[] bytes) throws Exception {
        try (AFUNIXSocketChannel channel = startAndAccept("segments")) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.shutdownOutput();
            CxxPeer.Result result = CxxPeer.await(process);
            assertTrue(result.status() == 0 || result.status() == 3, result.toString());
            return result.stdout().trim();
        }
    }

    private static void javaVerdict(byte[] bytes) throws Exception {
        new FrameReader(new MemoryChannel(bytes, Integer.MAX_VALUE), FrameLimits.DEFAULT).read();
    }

    private AFUNIXSocketChannel startAndAccept(String... args) throws Exception {
        String[] full = new String[args.length + 1];
        full[0] = args[0];
        full[1] = socket.toString();
        System.arraycopy(args, 1, full, 2, args.length - 1);
        process = peer.start(full);
        return server.accept();
    }

    private static MessageBuilder oneMebibyte() {
        MessageBuilder message = new MessageBuilder();
        ByteBuffer blob = message.getRoot(AnyPointer.factory).initAs(Data.factory, 1 << 20).asByteBuffer();
        for (int i = 0; i < blob.capacity(); i++) {
            blob.put(i, (byte) (i ^ (i >>> 8)));
        }
        return message;
    }

    private static byte[] readToEnd(AFUNIXSocketChannel channel) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        while (channel.read(chunk.clear()) >= 0) {
            all.write(chunk.array(), 0, chunk.position());
        }
        return all.toByteArray();
    }
}

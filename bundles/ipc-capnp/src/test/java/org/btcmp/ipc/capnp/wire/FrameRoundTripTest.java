package org.btcmp.ipc.capnp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.capnproto.AnyPointer;
import org.capnproto.Data;
import org.capnproto.MessageBuilder;
import org.junit.jupiter.api.Test;

class FrameRoundTripTest {

    @Test
    void writesTheStandardSegmentTable() throws IOException {
        ByteBuffer segment0 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 0x1122334455667788L);
        ByteBuffer segment1 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);

        byte[] frame = TestMessages.frameBytes(new ByteBuffer[] {segment0, segment1});

        ByteBuffer expected = ByteBuffer.allocate(16 + 24).order(ByteOrder.LITTLE_ENDIAN);
        expected.putInt(1).putInt(2).putInt(1).putInt(0); // count-1, sizes in words, padding
        expected.putLong(0x1122334455667788L).putLong(0).putLong(-1L);
        assertArrayEquals(expected.array(), frame);
    }

    @Test
    void oddSegmentCountNeedsNoPadding() {
        ByteBuffer[] three = {ByteBuffer.allocate(8), ByteBuffer.allocate(8), ByteBuffer.allocate(8)};

        byte[] frame = TestMessages.frameBytes(three);

        assertEquals(16 + 24, frame.length);
        assertEquals(2, ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
    }

    @Test
    void framesWrittenTogetherAreTheFramesBackToBackInOneWrite() throws IOException {
        List<MessageBuilder> messages = List.of(TestMessages.dataList(1, false), TestMessages.dataList(3, true),
                TestMessages.dataList(2, false));
        ByteArrayOutputStream separately = new ByteArrayOutputStream();
        List<ByteBuffer[]> frames = new ArrayList<>();
        for (MessageBuilder message : messages) {
            separately.writeBytes(TestMessages.frameBytes(message));
            frames.add(message.getSegmentsForOutput());
        }
        MemoryChannel sink = MemoryChannel.sink();
        int[] writes = {0};
        WritableByteChannel counting = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                writes[0]++;
                return sink.write(src);
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        new FrameWriter(counting).writeAll(frames);
        assertArrayEquals(separately.toByteArray(), sink.written());
        assertEquals(1, writes[0], "small frames leave in one system call");
    }

    @Test
    void aBadFrameInABatchStopsTheBatchBeforeAnythingIsWritten() {
        MemoryChannel sink = MemoryChannel.sink();
        List<ByteBuffer[]> frames = List.of(TestMessages.dataList(1, false).getSegmentsForOutput(),
                new ByteBuffer[] {ByteBuffer.allocate(12)});
        assertThrows(IllegalArgumentException.class, () -> new FrameWriter(sink).writeAll(frames));
        assertEquals(0, sink.written().length);
    }

    @Test
    void singleSegmentMessageRoundTrips() throws IOException {
        MessageBuilder message = TestMessages.dataList(5, false);
        byte[] frame = TestMessages.frameBytes(message);

        try (Frame read = new FrameReader(new MemoryChannel(frame, Integer.MAX_VALUE), FrameLimits.DEFAULT).read()) {
            assertEquals(1, read.segmentCount());
            assertEquals(frame.length, read.sizeInBytes());
            TestMessages.checkDataList(read.message(), 5);
            assertArrayEquals(frame, toArray(read.bytes()));
        }
    }

    @Test
    void manySegmentsRoundTripAndReframeByteForByte() throws IOException {
        MessageBuilder message = TestMessages.dataList(300, true);
        byte[] frame = TestMessages.frameBytes(message);

        try (Frame read = new FrameReader(new MemoryChannel(frame, Integer.MAX_VALUE), FrameLimits.DEFAULT).read()) {
            assertTrue(read.segmentCount() > 250, "segments: " + read.segmentCount());
            TestMessages.checkDataList(read.message(), 300);
            assertArrayEquals(frame, TestMessages.frameBytes(read.segments()));
        }
    }

    @Test
    void framesArrivingInPiecesAndBackToBackAreSplitCorrectly() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int[] sizes = {1, 40, 3, 200, 2};
        for (int elements : sizes) {
            stream.writeBytes(TestMessages.frameBytes(TestMessages.dataList(elements, elements % 2 == 0)));
        }
        for (int chunk : new int[] {1, 7, 4096, Integer.MAX_VALUE}) {
            FrameReader reader = new FrameReader(new MemoryChannel(stream.toByteArray(), chunk), FrameLimits.DEFAULT);
            for (int elements : sizes) {
                try (Frame frame = reader.read()) {
                    TestMessages.checkDataList(frame.message(), elements);
                }
            }
            assertNull(reader.read(), "clean end of stream after the last frame (chunk " + chunk + ")");
        }
    }

    @Test
    void smallMessageIsOneWrite() throws IOException {
        MemoryChannel sink = MemoryChannel.sink();

        new FrameWriter(sink).write(TestMessages.dataList(40, true));

        assertEquals(1, sink.writeCalls());
    }

    @Test
    void largeHeapMessageGoesOutInFewStagedWritesAndRoundTrips() throws IOException {
        MessageBuilder message = new MessageBuilder();
        ByteBuffer blob = message.getRoot(AnyPointer.factory).initAs(Data.factory, 1 << 20).asByteBuffer();
        for (int i = 0; i < blob.capacity(); i++) {
            blob.put(i, (byte) (i * 31));
        }
        MemoryChannel sink = MemoryChannel.sink();

        new FrameWriter(sink).write(message);

        assertEquals((1 << 20) / FrameWriter.STAGING_BYTES + 1, sink.writeCalls());
        try (Frame read = new FrameReader(new MemoryChannel(sink.written(), 100_000), FrameLimits.DEFAULT).read()) {
            byte[] data = read.message().getRoot(AnyPointer.factory).getAs(Data.factory).toArray();
            assertEquals(1 << 20, data.length);
            for (int i = 0; i < data.length; i++) {
                assertEquals((byte) (i * 31), data[i], "byte " + i);
            }
        }
    }

    @Test
    void heapAndDirectSegmentsOfAnySizeKeepTheirOrder() throws IOException {
        ByteBuffer[] segments = {
            filled(ByteBuffer.allocate(16), 1),
            filled(ByteBuffer.allocateDirect(300 * 1024), 2),
            filled(ByteBuffer.allocate(200 * 1024), 3),
            filled(ByteBuffer.allocateDirect(8), 4),
        };
        byte[] expected = new byte[24 + 16 + (300 + 200) * 1024 + 8];
        ByteBuffer expectation = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
        expectation.putInt(3).putInt(2).putInt(300 * 128).putInt(200 * 128).putInt(1).putInt(0);
        for (ByteBuffer segment : segments) {
            expectation.put(segment.duplicate());
        }

        assertArrayEquals(expected, TestMessages.frameBytes(segments));
    }

    private static ByteBuffer filled(ByteBuffer buffer, int seed) {
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, (byte) (seed * 17 + i));
        }
        return buffer;
    }

    @Test
    void closedFramesGiveTheirBufferToTheNextFrame() throws IOException {
        byte[] frame = TestMessages.frameBytes(TestMessages.dataList(3, false));
        byte[] twoFrames = new byte[frame.length * 2];
        System.arraycopy(frame, 0, twoFrames, 0, frame.length);
        System.arraycopy(frame, 0, twoFrames, frame.length, frame.length);
        // one frame per read, so no read-ahead moves the second frame into a buffer of its own
        FrameReader reader = new FrameReader(new MemoryChannel(twoFrames, frame.length), FrameLimits.DEFAULT);

        Frame first = reader.read();
        ByteBuffer firstBuffer = first.buffer();
        first.close();
        Frame second = reader.read();

        assertSame(firstBuffer, second.buffer());
        TestMessages.checkDataList(second.message(), 3);
        assertEquals(BufferPool.MIN_CAPACITY, reader.pool().bytesAllocated());
    }

    @Test
    void aClosedFrameRefusesToBeRead() throws IOException {
        Frame frame = new FrameReader(new MemoryChannel(TestMessages.frameBytes(TestMessages.dataList(1, false)),
                Integer.MAX_VALUE), FrameLimits.DEFAULT).read();
        frame.close();
        frame.close();

        IllegalStateException e = assertThrows(IllegalStateException.class, frame::message);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void writerRefusesFramesNoPeerAccepts() {
        FrameWriter writer = new FrameWriter(MemoryChannel.sink());

        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> writer.write(new ByteBuffer[0]));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> writer.write(segments(512)));
        IllegalArgumentException partialWord = assertThrows(IllegalArgumentException.class,
                () -> writer.write(new ByteBuffer[] {ByteBuffer.allocate(12)}));

        assertTrue(none.getMessage().contains("0 segments"), none.getMessage());
        assertTrue(tooMany.getMessage().contains("512 segments"), tooMany.getMessage());
        assertTrue(partialWord.getMessage().contains("12 bytes"), partialWord.getMessage());
    }

    @Test
    void writerAcceptsTheMostSegmentsAPeerAccepts() throws IOException {
        MemoryChannel sink = MemoryChannel.sink();
        new FrameWriter(sink).write(segments(511));

        try (Frame frame = new FrameReader(new MemoryChannel(sink.written(), Integer.MAX_VALUE), FrameLimits.DEFAULT).read()) {
            assertEquals(511, frame.segmentCount());
            assertEquals(510L, frame.segments()[510].getLong(0));
        }
    }

    /** {@code count} one-word segments, segment i holding the number i. */
    static ByteBuffer[] segments(int count) {
        ByteBuffer[] segments = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            segments[i] = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, i);
        }
        return segments;
    }

    static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}

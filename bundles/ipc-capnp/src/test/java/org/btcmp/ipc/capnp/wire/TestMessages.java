package org.btcmp.ipc.capnp.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.capnproto.AnyPointer;
import org.capnproto.BuilderArena;
import org.capnproto.Data;
import org.capnproto.DataList;
import org.capnproto.MessageBuilder;
import org.capnproto.MessageReader;

/**
 * Schema-free test messages: a root List(Data) whose element i holds {@link #pattern} bytes. The same
 * pattern is built and checked by the C++ test peer (src/test/c++/framing_peer.c++).
 */
final class TestMessages {

    private TestMessages() {
    }

    static int lengthOf(int element) {
        return 200 + (element * 37) % 300;
    }

    static byte patternByte(int element, int index) {
        return (byte) (element * 7 + index * 13);
    }

    static byte[] pattern(int element) {
        byte[] bytes = new byte[lengthOf(element)];
        for (int j = 0; j < bytes.length; j++) {
            bytes[j] = patternByte(element, j);
        }
        return bytes;
    }

    /**
     * A List(Data) of {@code elements} pattern blobs. With {@code spread}, every allocation gets its
     * own small segment, so the message has about one segment per element.
     */
    static MessageBuilder dataList(int elements, boolean spread) {
        MessageBuilder builder = spread
                ? new MessageBuilder(16, BuilderArena.AllocationStrategy.FIXED_SIZE)
                : new MessageBuilder();
        DataList.Builder list = builder.getRoot(AnyPointer.factory).initAs(DataList.factory, elements);
        for (int i = 0; i < elements; i++) {
            list.set(i, new Data.Reader(pattern(i)));
        }
        return builder;
    }

    /** Throws AssertionError unless {@code message} is a List(Data) of {@code elements} pattern blobs. */
    static void checkDataList(MessageReader message, int elements) {
        DataList.Reader list = message.getRoot(AnyPointer.factory).getAs(DataList.factory);
        if (list.size() != elements) {
            throw new AssertionError("expected " + elements + " elements, got " + list.size());
        }
        for (int i = 0; i < elements; i++) {
            byte[] actual = list.get(i).toArray();
            byte[] expected = pattern(i);
            if (!java.util.Arrays.equals(actual, expected)) {
                throw new AssertionError("element " + i + " differs: " + actual.length + " bytes vs " + expected.length);
            }
        }
    }

    /** The frame {@code message} becomes on the wire. */
    static byte[] frameBytes(MessageBuilder message) {
        return frameBytes(message.getSegmentsForOutput());
    }

    static byte[] frameBytes(ByteBuffer[] segments) {
        MemoryChannel sink = MemoryChannel.sink();
        try {
            new FrameWriter(sink).write(segments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.written();
    }

    /** Little-endian 32-bit words, for hand-written segment tables. */
    static ByteBuffer words32(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            buffer.putInt(value);
        }
        return buffer.flip();
    }
}

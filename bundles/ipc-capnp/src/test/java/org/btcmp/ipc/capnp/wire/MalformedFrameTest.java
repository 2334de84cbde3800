package org.btcmp.ipc.capnp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import org.capnproto.AnyPointer;
import org.capnproto.DecodeException;
import org.capnproto.MessageReader;
import org.junit.jupiter.api.Test;

/** Frames a hostile or broken peer may send: each ends in a clean error and costs no more than allowed. */
class MalformedFrameTest {

    @Test
    void limitsMustBePositive() {
        IllegalArgumentException traversal = assertThrows(IllegalArgumentException.class, () -> new FrameLimits(0, 64));
        IllegalArgumentException nesting = assertThrows(IllegalArgumentException.class, () -> new FrameLimits(1, -1));

        assertTrue(traversal.getMessage().contains("traversal limit"), traversal.getMessage());
        assertTrue(nesting.getMessage().contains("nesting limit"), nesting.getMessage());
        assertEquals(8L * 1024 * 1024, FrameLimits.DEFAULT.traversalLimitWords());
        assertEquals(64, FrameLimits.DEFAULT.nestingLimit());
    }

    @Test
    void streamEndingInsideTheFirstWordIsTruncated() {
        FrameException e = refused(new byte[] {0, 0, 0, 0, 1}, FrameLimits.DEFAULT);

        assertTrue(e.getMessage().contains("truncated frame") && e.getMessage().contains("after 5 of the 8 bytes"),
                e.getMessage());
    }

    @Test
    void streamEndingInsideTheSegmentTableIsTruncated() {
        // 4 segments: the table is 24 bytes, only 12 arrive
        FrameException e = refused(bytes(TestMessages.words32(3, 1, 1)), FrameLimits.DEFAULT);

        assertTrue(e.getMessage().contains("after 12 of the 24 bytes of its segment table"), e.getMessage());
    }

    @Test
    void segmentSizeBeyondTheBytesThatFollowIsTruncated() {
        // one segment declared as 10 words, 3 words follow, then the stream ends
        ByteBuffer frame = ByteBuffer.allocate(8 + 24).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(10);

        FrameException e = refused(frame.array(), FrameLimits.DEFAULT);

        assertTrue(e.getMessage().contains("after 32 of the 88 bytes its table declares (1 segment(s), 10 words)"),
                e.getMessage());
    }

    @Test
    void segmentCountZeroIsRefused() {
        FrameException e = refused(bytes(TestMessages.words32(-1, 0)), FrameLimits.DEFAULT);

        assertTrue(e.getMessage().contains("0 segments"), e.getMessage());
    }

    @Test
    void segmentCount512IsRefusedBeforeReadingItsTable() {
        MemoryChannel in = new MemoryChannel(bytes(TestMessages.words32(511, 1)), Integer.MAX_VALUE);

        FrameException e = assertThrows(FrameException.class, () -> new FrameReader(in, FrameLimits.DEFAULT).read());

        assertEquals("frame declares 512 segments; the limit is fewer than 512", e.getMessage());
    }

    @Test
    void segmentCount511IsAcceptedWithinTheLimits() throws IOException {
        byte[] frame = TestMessages.frameBytes(FrameRoundTripTest.segments(511));

        try (Frame read = new FrameReader(new MemoryChannel(frame, Integer.MAX_VALUE), FrameLimits.DEFAULT).read()) {
            assertEquals(511, read.segmentCount());
        }
    }

    @Test
    void emptyFirstSegmentIsRefused() {
        FrameException e = refused(bytes(TestMessages.words32(0, 0)), FrameLimits.DEFAULT);

        assertTrue(e.getMessage().contains("first segment is empty"), e.getMessage());
    }

    @Test
    void declaredSizeAboveTheTraversalLimitIsRefusedWithoutAllocatingIt() {
        // two segments of 4 Mi words + 1 word: one word over the default 8 Mi words
        FrameReader reader = new FrameReader(new MemoryChannel(bytes(TestMessages.words32(1, 4 << 20, (4 << 20) + 1, 0)),
                Integer.MAX_VALUE), FrameLimits.DEFAULT);

        FrameException e = assertThrows(FrameException.class, reader::read);

        assertEquals("frame declares 8388609 words (67108872 bytes) in 2 segment(s), more than the traversal limit of "
                + "8388608 words", e.getMessage());
        assertEquals(BufferPool.MIN_CAPACITY, reader.pool().bytesAllocated());
    }

    @Test
    void twoGibibyteDeclaredSizeIsRefusedWithoutAllocatingIt() {
        int twoGiBInWords = 1 << 28;
        byte[] header = bytes(TestMessages.words32(0, twoGiBInWords));
        FrameReader withDefaults = new FrameReader(new MemoryChannel(header, Integer.MAX_VALUE), FrameLimits.DEFAULT);
        // even a receiver that raised its traversal limit never sizes one buffer beyond what Java can hold
        FrameReader permissive = new FrameReader(new MemoryChannel(header, Integer.MAX_VALUE),
                new FrameLimits(1L << 40, 64));

        FrameException byLimit = assertThrows(FrameException.class, withDefaults::read);
        FrameException byBuffer = assertThrows(FrameException.class, permissive::read);

        assertTrue(byLimit.getMessage().contains("268435456 words (2147483648 bytes)"), byLimit.getMessage());
        assertTrue(byBuffer.getMessage().contains("more than one buffer can hold"), byBuffer.getMessage());
        assertEquals(BufferPool.MIN_CAPACITY, withDefaults.pool().bytesAllocated());
        assertEquals(BufferPool.MIN_CAPACITY, permissive.pool().bytesAllocated());
    }

    @Test
    void deepNestingIsCaughtByTheNestingLimit() throws IOException {
        MessageReader deep = readOne(chain(100), FrameLimits.DEFAULT);
        MessageReader deepButAllowed = readOne(chain(100), new FrameLimits(FrameLimits.DEFAULT.traversalLimitWords(), 128));

        DecodeException e = assertThrows(DecodeException.class, () -> followFirstPointers(deep));

        assertTrue(e.getMessage().contains("too deeply nested"), e.getMessage());
        assertEquals(100, followFirstPointers(deepButAllowed));
    }

    @Test
    void pointerLoopIsCaughtByTheNestingLimit() throws IOException {
        MessageReader loop = readOne(selfLoop(), FrameLimits.DEFAULT);

        DecodeException e = assertThrows(DecodeException.class, () -> followFirstPointers(loop));

        assertTrue(e.getMessage().contains("too deeply nested or contains cycles"), e.getMessage());
    }

    @Test
    void pointerLoopIsCaughtByTheTraversalLimitWhenNestingAllowsIt() throws IOException {
        MessageReader loop = readOne(selfLoop(), new FrameLimits(1000, Integer.MAX_VALUE));

        DecodeException e = assertThrows(DecodeException.class, () -> followFirstPointers(loop));

        assertTrue(e.getMessage().contains("Read limit exceeded"), e.getMessage());
    }

    @Test
    void amplificationThroughSharedPointersIsCaughtByTheTraversalLimit() throws IOException {
        // 130 pointers to one 512 KiB struct: a 0.5 MiB frame that would read as 65 MiB
        int pointers = 130;
        int blobWords = 0xFFFF; // the most data words a struct pointer can declare
        ByteBuffer segment = ByteBuffer.allocate((1 + pointers + blobWords) * 8).order(ByteOrder.LITTLE_ENDIAN);
        segment.putLong(AnyStruct.structPointer(0, 0, pointers));
        for (int i = 0; i < pointers; i++) {
            segment.putLong(AnyStruct.structPointer(pointers - 1 - i, blobWords, 0));
        }
        MessageReader message = readOne(TestMessages.frameBytes(new ByteBuffer[] {segment.clear()}), FrameLimits.DEFAULT);
        AnyStruct.Reader root = message.getRoot(AnyPointer.factory).getAs(AnyStruct.FACTORY);

        DecodeException e = assertThrows(DecodeException.class, () -> {
            for (int i = 0; i < pointers; i++) {
                assertNotNull(root.pointer(i));
            }
        });

        assertTrue(e.getMessage().contains("Read limit exceeded"), e.getMessage());
    }

    @Test
    void aRefusedFrameNeverHangs() {
        // the refusal comes from the table alone: no read waits for the 2 GiB that never follow
        assertTimeoutPreemptively(() -> refused(bytes(TestMessages.words32(0, 1 << 28)), FrameLimits.DEFAULT));
    }

    private static void assertTimeoutPreemptively(org.junit.jupiter.api.function.Executable check) {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), check);
    }

    /** A root struct and {@code depth - 1} more, each the only pointer of the one before. */
    private static byte[] chain(int depth) {
        ByteBuffer segment = ByteBuffer.allocate((depth + 1) * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < depth; i++) {
            segment.putLong(AnyStruct.structPointer(0, 0, 1));
        }
        segment.putLong(0);
        return TestMessages.frameBytes(new ByteBuffer[] {segment.clear()});
    }

    /** A root struct whose only pointer points at itself. */
    private static byte[] selfLoop() {
        ByteBuffer segment = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        segment.putLong(AnyStruct.structPointer(0, 0, 1)).putLong(AnyStruct.structPointer(-1, 0, 1));
        return TestMessages.frameBytes(new ByteBuffer[] {segment.clear()});
    }

    /** Follows pointer 0 from the root until it is null; returns how many structs were visited. */
    private static int followFirstPointers(MessageReader message) {
        AnyStruct.Reader struct = message.getRoot(AnyPointer.factory).getAs(AnyStruct.FACTORY);
        int visited = 1;
        while (struct.hasPointer(0)) {
            struct = struct.pointer(0);
            visited++;
        }
        return visited;
    }

    private static MessageReader readOne(byte[] frame, FrameLimits limits) throws IOException {
        return new FrameReader(new MemoryChannel(frame, Integer.MAX_VALUE), limits).read().message();
    }

    private static FrameException refused(byte[] stream, FrameLimits limits) {
        return assertThrows(FrameException.class,
                () -> new FrameReader(new MemoryChannel(stream, Integer.MAX_VALUE), limits).read());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        return FrameRoundTripTest.toArray(buffer);
    }
}

package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.capnproto.AnyPointer;
import org.capnproto.BuilderArena;
import org.capnproto.DecodeException;
import org.capnproto.ListList;
import org.capnproto.MessageBuilder;
import org.capnproto.PrimitiveList;
import org.capnproto.StructList;
import org.junit.jupiter.api.Test;

/** The word-level copier: every pointer kind, cap-table remapping, far pointers both sides, bad input. */
class PointerCopierTest {

    /** Tiny fixed segments, so nearly every object of the source sits behind a far pointer. */
    private static MessageBuilder fragmented() {
        return new MessageBuilder(4, BuilderArena.AllocationStrategy.FIXED_SIZE);
    }

    private static MessageContent.Located root(MessageBuilder message) {
        return new MessageContent.Located(message.getSegmentsForOutput(), 0, 0, FrameLimits.DEFAULT);
    }

    private static AnyPointer.Reader copyOf(MessageContent.Located source, IntUnaryOperator capMap,
            MessageBuilder destination) {
        AnyPointer.Builder to = destination.getRoot(AnyPointer.factory);
        PointerCopier.copy(source, capMap, to);
        return to.asReader();
    }

    @Test
    void everyKindOfPointerIsCopiedAcrossSegments() {
        MessageBuilder source = fragmented();
        RawStruct.Builder root = source.initRoot(RawStruct.factory(2, 7));
        root.setLong(0, 0x0123456789abcdefL);
        root.setLong(1, -1);
        root.setText(0, "hello, segments");
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        root.initData(1, data.length).asByteBuffer().put(data);
        PrimitiveList.Boolean.Builder bits = root.pointer(2).initAs(PrimitiveList.Boolean.factory, 70);
        for (int i = 0; i < 70; i++) {
            bits.set(i, i % 3 == 0);
        }
        StructList.Builder<RawStruct.Builder> items = root.pointer(3)
                .initAs(new StructList.Factory<>(RawStruct.factory(1, 2)), 3);
        for (int i = 0; i < 3; i++) {
            items.get(i).setLong(0, 100 + i);
            items.get(i).setText(0, "item " + i);
            if (i != 1) {
                items.get(i).setCap(1, i); // the middle one keeps a null capability
            }
        }
        ListList.Builder<PrimitiveList.Int.Builder> lists = root.pointer(4)
                .initAs(new ListList.Factory<>(PrimitiveList.Int.factory), 2);
        PrimitiveList.Int.Builder first = lists.init(0, 3);
        for (int i = 0; i < 3; i++) {
            first.set(i, i * 11);
        }
        lists.init(1, 0);
        root.pointer(5).initAs(RawStruct.factory(0, 0)); // an empty struct, not null
        root.pointer(6).initAs(new StructList.Factory<>(RawStruct.factory(1, 0)), 0);
        assertTrue(source.getSegmentsForOutput().length > 10, "the source is spread over many segments");

        List<Integer> mapped = new ArrayList<>();
        MessageBuilder destination = fragmented();
        RawStruct.Reader copy = copyOf(root(source), index -> {
            mapped.add(index);
            return index + 10;
        }, destination).getAs(RawStruct.ANY);

        assertEquals(0x0123456789abcdefL, copy.getLong(0));
        assertEquals(-1, copy.getLong(1));
        assertEquals("hello, segments", copy.getText(0));
        assertArrayEquals(data, copy.getData(1));
        PrimitiveList.Boolean.Reader copiedBits = copy.pointer(2).getAs(PrimitiveList.Boolean.factory);
        assertEquals(70, copiedBits.size());
        for (int i = 0; i < 70; i++) {
            assertEquals(i % 3 == 0, copiedBits.get(i), "bit " + i);
        }
        List<RawStruct.Reader> copiedItems = items(copy.pointer(3));
        assertEquals(3, copiedItems.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(100 + i, copiedItems.get(i).getLong(0));
            assertEquals("item " + i, copiedItems.get(i).getText(0));
        }
        assertEquals(10, copiedItems.get(0).getCap(1));
        assertEquals(-1, copiedItems.get(1).getCap(1));
        assertEquals(12, copiedItems.get(2).getCap(1));
        assertEquals(List.of(0, 2), mapped, "each capability pointer is remapped once");
        ListList.Reader<PrimitiveList.Int.Reader> copiedLists = copy.pointer(4)
                .getAs(new ListList.Factory<>(PrimitiveList.Int.factory));
        assertEquals(2, copiedLists.size());
        assertEquals(3, copiedLists.get(0).size());
        assertEquals(22, copiedLists.get(0).get(2));
        assertEquals(0, copiedLists.get(1).size());
        assertFalse(copy.pointer(5).isNull(), "an empty struct stays non-null");
        assertEquals(0, items(copy.pointer(6)).size());
        assertTrue(destination.getSegmentsForOutput().length > 10, "the copy needed far pointers too");
    }

    @Test
    void aDoubleFarPointerIsFollowed() {
        // Segment 0: root = double far to segment 1 word 0; segment 1: landing pad (far to segment 2
        // word 0) and tag (struct of 1 data word); segment 2: the struct's data.
        ByteBuffer s0 = words(farPointer(true, 1, 0));
        ByteBuffer s1 = words(farPointer(false, 2, 0), structPointer(0, 1, 0));
        ByteBuffer s2 = words(42);
        RawStruct.Reader copy = copyOf(new MessageContent.Located(new ByteBuffer[] {s0, s1, s2}, 0, 0, FrameLimits.DEFAULT), i -> i,
                new MessageBuilder()).getAs(RawStruct.ANY);
        assertEquals(42, copy.getLong(0));
    }

    @Test
    void aPointerLoopEndsAtTheNestingLimit() {
        // A struct of one pointer that points back at the struct itself.
        ByteBuffer segment = words(structPointer(0, 0, 1), structPointer(-1, 0, 1));
        DecodeException failure = assertThrows(DecodeException.class, () -> copyOf(
                new MessageContent.Located(new ByteBuffer[] {segment}, 0, 0, FrameLimits.DEFAULT), i -> i, new MessageBuilder()));
        assertTrue(failure.getMessage().contains("nesting"), failure.getMessage());
    }

    @Test
    void amplificationEndsAtTheTraversalLimit() {
        // 1000 pointers, all to the same struct of 16 Ki words: 16 Mi words to copy from 130 KiB.
        int pointers = 1000;
        int structWords = 16 * 1024;
        long[] words = new long[1 + pointers + structWords];
        words[0] = listPointer(0, 6, pointers);
        for (int i = 0; i < pointers; i++) {
            words[1 + i] = structPointer(pointers - i - 1, structWords, 0);
        }
        DecodeException failure = assertThrows(DecodeException.class, () -> copyOf(
                new MessageContent.Located(new ByteBuffer[] {words(words)}, 0, 0, FrameLimits.DEFAULT), i -> i, new MessageBuilder()));
        assertTrue(failure.getMessage().contains("traversal limit"), failure.getMessage());
    }

    @Test
    void aPointerOutOfItsSegmentIsRefused() {
        ByteBuffer segment = words(structPointer(5, 2, 0));
        DecodeException failure = assertThrows(DecodeException.class, () -> copyOf(
                new MessageContent.Located(new ByteBuffer[] {segment}, 0, 0, FrameLimits.DEFAULT), i -> i, new MessageBuilder()));
        assertTrue(failure.getMessage().contains("of segment 0, which has 1"), failure.getMessage());
        ByteBuffer far = words(farPointer(false, 7, 0));
        failure = assertThrows(DecodeException.class, () -> copyOf(
                new MessageContent.Located(new ByteBuffer[] {far}, 0, 0, FrameLimits.DEFAULT), i -> i, new MessageBuilder()));
        assertTrue(failure.getMessage().contains("segment 7 of 1"), failure.getMessage());
    }

    @Test
    void anInlineCompositeListLargerThanItsWordsIsRefused() {
        // Declares 4 words, its tag claims 3 elements of 2 words.
        ByteBuffer segment = words(listPointer(0, 7, 4), structPointer(3, 2, 0), 0, 0, 0, 0);
        DecodeException failure = assertThrows(DecodeException.class, () -> copyOf(
                new MessageContent.Located(new ByteBuffer[] {segment}, 0, 0, FrameLimits.DEFAULT), i -> i, new MessageBuilder()));
        assertTrue(failure.getMessage().contains("does not fit"), failure.getMessage());
    }

    @Test
    void anOtherPointerThatIsNoCapabilityIsRefused() {
        ByteBuffer segment = words(7L);
        assertThrows(DecodeException.class, () -> copyOf(
                new MessageContent.Located(new ByteBuffer[] {segment}, 0, 0, FrameLimits.DEFAULT), i -> i, new MessageBuilder()));
    }

    private static ByteBuffer words(long... words) {
        ByteBuffer buffer = ByteBuffer.allocate(words.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long word : words) {
            buffer.putLong(word);
        }
        return buffer.flip();
    }

    private static long structPointer(int offset, int dataWords, int pointers) {
        return ((long) pointers << 48) | ((long) dataWords << 32) | (((long) offset << 2) & 0xffff_ffffL);
    }

    private static long listPointer(int offset, int elementSize, int count) {
        return ((long) count << 35) | ((long) elementSize << 32) | (((long) offset << 2) & 0xffff_ffffL) | 1;
    }

    private static long farPointer(boolean doubleFar, int segment, int offset) {
        return ((long) segment << 32) | ((long) offset << 3) | (doubleFar ? 4 : 0) | 2;
    }

    /** The structs of a List(struct) pointer. */
    private static List<RawStruct.Reader> items(AnyPointer.Reader list) {
        StructList.Reader<RawStruct.Reader> reader = list.getAs(new StructList.Factory<>(RawStruct.ANY));
        List<RawStruct.Reader> items = new ArrayList<>();
        for (int i = 0; i < reader.size(); i++) {
            items.add(reader.get(i));
        }
        return items;
    }
}

package org.btcmp.ipc.capnp.rpc;

import org.capnproto.DecodeException;
import org.capnproto.FromPointerBuilder;
import org.capnproto.FromPointerReader;
import org.capnproto.PointerList;
import org.capnproto.SegmentBuilder;
import org.capnproto.SegmentReader;

/**
 * A capability pointer: the wire pointer of kind "other" whose upper half indexes the message's cap
 * table. capnproto-java 0.1.16 has no capabilities at all, so this reaches the pointer word through
 * {@code AnyPointer.getAs}, which hands a factory the segment and the word offset.
 */
public final class CapPointer {
    /** Kind 3 ("other") with the sub-kind zero that marks a capability. */
    private static final long CAPABILITY_TAG = 3L;
    /** Read an {@code AnyPointer.Reader} with this to get a {@link Slot}. */
    public static final FromPointerReader<Slot> READER = (segment, pointer, nesting) -> new Slot(segment, pointer);
    /** Read or write an {@code AnyPointer.Builder} with this to get a {@link Slot}. */
    public static final FromPointerBuilder<Slot> BUILDER = new FromPointerBuilder<>() {
        @Override
        public Slot fromPointerBuilder(SegmentBuilder segment, int pointer) {
            return new Slot(segment, pointer);
        }

        @Override
        public Slot initFromPointerBuilder(SegmentBuilder segment, int pointer, int elementCount) {
            return new Slot(segment, pointer);
        }
    };

    /** A List(Interface): each element a {@link Slot}. */
    public static final PointerList.Factory<Slot, Slot> LIST = new PointerList.Factory<>(READER, BUILDER);

    private CapPointer() {
    }

    /** One pointer word that holds, or is to hold, a capability. */
    public static final class Slot {
        private final SegmentReader segment;
        private final int pointer;

        Slot(SegmentReader segment, int pointer) {
            this.segment = segment;
            this.pointer = pointer;
        }

        /**
         * The cap-table index, or -1 for a null pointer (a null capability).
         *
         * @throws DecodeException if the pointer is something else (a struct, list or far pointer)
         */
        public int index() {
            long word = segment.buffer.getLong(pointer * 8);
            if (word == 0) {
                return -1;
            }
            if ((word & 0xffffffffL) != CAPABILITY_TAG) {
                throw new DecodeException("expected a capability pointer, found word 0x" + Long.toHexString(word));
            }
            return (int) (word >>> 32);
        }

        /** Points this word at cap-table entry {@code index}; whatever it pointed to is abandoned. */
        public void set(int index) {
            if (!(segment instanceof SegmentBuilder)) {
                throw new IllegalStateException("a received message is read-only");
            }
            segment.buffer.putLong(pointer * 8, ((long) index << 32) | CAPABILITY_TAG);
        }
    }
}

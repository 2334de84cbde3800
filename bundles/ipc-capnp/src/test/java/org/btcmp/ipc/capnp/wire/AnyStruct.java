package org.btcmp.ipc.capnp.wire;

import org.capnproto.SegmentBuilder;
import org.capnproto.SegmentReader;
import org.capnproto.StructBuilder;
import org.capnproto.StructFactory;
import org.capnproto.StructReader;
import org.capnproto.StructSize;

/** A struct read without a schema: its pointer fields followed as structs of any shape. */
final class AnyStruct {
    static final Factory FACTORY = new Factory();

    private AnyStruct() {
    }

    static final class Reader extends StructReader {
        Reader(SegmentReader segment, int data, int pointers, int dataSize, short pointerCount, int nestingLimit) {
            super(segment, data, pointers, dataSize, pointerCount, nestingLimit);
        }

        boolean hasPointer(int index) {
            return index < pointerCount && !_pointerFieldIsNull(index);
        }

        Reader pointer(int index) {
            return _getPointerField(FACTORY, index);
        }
    }

    static final class Factory extends StructFactory<StructBuilder, Reader> {
        @Override
        public Reader constructReader(SegmentReader segment, int data, int pointers, int dataSize, short pointerCount,
                int nestingLimit) {
            return new Reader(segment, data, pointers, dataSize, pointerCount, nestingLimit);
        }

        @Override
        public StructBuilder constructBuilder(SegmentBuilder segment, int data, int pointers, int dataSize,
                short pointerCount) {
            throw new UnsupportedOperationException("read-only test struct");
        }

        @Override
        public StructSize structSize() {
            return new StructSize((short) 0, (short) 0);
        }

        @Override
        public Reader asReader(StructBuilder builder) {
            throw new UnsupportedOperationException("read-only test struct");
        }
    }

    /** A struct pointer word: {@code offset} words from the pointer's end to the struct. */
    static long structPointer(int offset, int dataWords, int pointerCount) {
        return ((long) (offset << 2) & 0xFFFF_FFFFL) | ((long) dataWords << 32) | ((long) pointerCount << 48);
    }
}

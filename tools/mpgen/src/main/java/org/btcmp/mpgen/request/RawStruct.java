package org.btcmp.mpgen.request;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.capnproto.AnyPointer;
import org.capnproto.Data;
import org.capnproto.SegmentBuilder;
import org.capnproto.SegmentReader;
import org.capnproto.StructBuilder;
import org.capnproto.StructFactory;
import org.capnproto.StructList;
import org.capnproto.StructReader;
import org.capnproto.StructSize;
import org.capnproto.Text;

/** A struct builder addressed by raw offsets, for writing messages whose layout we computed ourselves. */
final class RawStruct extends StructBuilder {
    private static final Map<Integer, Factory> FACTORIES = new HashMap<>();

    RawStruct(SegmentBuilder segment, int data, int pointers, int dataSize, short pointerCount) {
        super(segment, data, pointers, dataSize, pointerCount);
    }

    /** The factory for structs of the given section sizes. */
    static Factory factory(int dataWords, int pointers) {
        return FACTORIES.computeIfAbsent(dataWords << 16 | pointers, k -> new Factory(dataWords, pointers));
    }

    void setU64(int index, long value) {
        _setLongField(index, value);
    }

    void setU32(int index, int value) {
        _setIntField(index, value);
    }

    void setU16(int index, int value) {
        _setShortField(index, (short) value);
    }

    void setU8(int index, int value) {
        _setByteField(index, (byte) value);
    }

    void setBit(int bit, boolean value) {
        _setBooleanField(bit, value);
    }

    AnyPointer.Builder pointer(int index) {
        return _getPointerField(AnyPointer.factory, index);
    }

    RawStruct initStruct(int index, int dataWords, int pointers) {
        return pointer(index).initAs(factory(dataWords, pointers));
    }

    StructList.Builder<RawStruct> initStructList(int index, int count, int dataWords, int pointers) {
        return _initPointerField(new StructList.Factory<>(factory(dataWords, pointers)), index, count);
    }

    void setText(int index, String text) {
        _setPointerField(Text.factory, index, new Text.Reader(text));
    }

    void setText(int index, byte[] utf8) {
        _setPointerField(Text.factory, index, new Text.Reader(ByteBuffer.wrap(utf8), 0, utf8.length));
    }

    void setData(int index, byte[] bytes) {
        _setPointerField(Data.factory, index, new Data.Reader(bytes));
    }

    /** Builds RawStructs of one size. */
    static final class Factory extends StructFactory<RawStruct, StructReader> {
        private final StructSize size;

        Factory(int dataWords, int pointers) {
            size = new StructSize((short) dataWords, (short) pointers);
        }

        @Override
        public RawStruct constructBuilder(SegmentBuilder segment, int data, int pointers, int dataSize,
                                          short pointerCount) {
            return new RawStruct(segment, data, pointers, dataSize, pointerCount);
        }

        @Override
        public StructReader constructReader(SegmentReader segment, int data, int pointers, int dataSize,
                                            short pointerCount, int nestingLimit) {
            return new StructReader(segment, data, pointers, dataSize, pointerCount, nestingLimit);
        }

        @Override
        public StructSize structSize() {
            return size;
        }

        @Override
        public StructReader asReader(RawStruct builder) {
            throw new UnsupportedOperationException("write-only");
        }
    }
}

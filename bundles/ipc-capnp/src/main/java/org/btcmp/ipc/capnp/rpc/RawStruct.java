package org.btcmp.ipc.capnp.rpc;

import org.capnproto.AnyPointer;
import org.capnproto.Data;
import org.capnproto.SegmentBuilder;
import org.capnproto.SegmentReader;
import org.capnproto.StructBuilder;
import org.capnproto.StructFactory;
import org.capnproto.StructReader;
import org.capnproto.StructSize;
import org.capnproto.Text;

/**
 * A struct read or written by offsets, where no generated class fits (e.g. hand-made or malformed
 * messages in tests; interface methods have generated params and results). Offsets are in the units of the
 * field's size, as capnp compile -ocapnp prints them (bits / field width).
 */
public final class RawStruct {
    private RawStruct() {
    }

    /** A factory for structs of {@code size} (the size matters only when initializing one). */
    public static Factory factory(int dataWords, int pointers) {
        return new Factory(new StructSize((short) dataWords, (short) pointers));
    }

    /** Reads any struct; its size comes from the pointer. */
    public static final Factory ANY = factory(0, 0);

    public static final class Factory extends StructFactory<Builder, Reader> {
        private final StructSize size;

        Factory(StructSize size) {
            this.size = size;
        }

        @Override
        public Reader constructReader(SegmentReader segment, int data, int pointers, int dataSize, short pointerCount,
                int nestingLimit) {
            return new Reader(segment, data, pointers, dataSize, pointerCount, nestingLimit);
        }

        @Override
        public Builder constructBuilder(SegmentBuilder segment, int data, int pointers, int dataSize, short pointerCount) {
            return new Builder(segment, data, pointers, dataSize, pointerCount);
        }

        @Override
        public StructSize structSize() {
            return size;
        }

        @Override
        public Reader asReader(Builder builder) {
            return builder.asReader();
        }
    }

    public static final class Builder extends StructBuilder {
        Builder(SegmentBuilder segment, int data, int pointers, int dataSize, short pointerCount) {
            super(segment, data, pointers, dataSize, pointerCount);
        }

        public Reader asReader() {
            return new Reader(segment, data, pointers, dataSize, pointerCount, Integer.MAX_VALUE);
        }

        public void setLong(int offset, long value) {
            _setLongField(offset, value);
        }

        public void setInt(int offset, int value) {
            _setIntField(offset, value);
        }

        public void setBoolean(int offset, boolean value) {
            _setBooleanField(offset, value);
        }

        public AnyPointer.Builder pointer(int index) {
            return _getPointerField(AnyPointer.factory, index);
        }

        public void setText(int index, String value) {
            _setPointerField(Text.factory, index, new Text.Reader(value));
        }

        /** Room for {@code size} bytes of Data at pointer {@code index}, to fill in place (no copy). */
        public Data.Builder initData(int index, int size) {
            return _initPointerField(Data.factory, index, size);
        }

        /** Puts cap-table entry {@code capIndex} at pointer {@code index}. */
        public void setCap(int index, int capIndex) {
            pointer(index).getAs(CapPointer.BUILDER).set(capIndex);
        }
    }

    public static final class Reader extends StructReader {
        Reader(SegmentReader segment, int data, int pointers, int dataSize, short pointerCount, int nestingLimit) {
            super(segment, data, pointers, dataSize, pointerCount, nestingLimit);
        }

        public long getLong(int offset) {
            return _getLongField(offset);
        }

        public int getInt(int offset) {
            return _getIntField(offset);
        }

        public boolean getBoolean(int offset) {
            return _getBooleanField(offset);
        }

        public AnyPointer.Reader pointer(int index) {
            return _getPointerField(AnyPointer.factory, index);
        }

        public String getText(int index) {
            return _getPointerField(Text.factory, index).toString();
        }

        public Data.Reader getData(int index) {
            return _getPointerField(Data.factory, index);
        }

        /** The cap-table index at pointer {@code index}, -1 if null. */
        public int getCap(int index) {
            if (index >= pointerCount) {
                return -1;
            }
            return pointer(index).getAs(CapPointer.READER).index();
        }
    }
}

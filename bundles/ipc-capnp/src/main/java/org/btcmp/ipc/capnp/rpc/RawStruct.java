package org.btcmp.ipc.capnp.rpc;

import java.nio.ByteBuffer;
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
 * A struct read or written by offsets: what the generated proxies use for params, results and
 * records (the offsets mpgen computed), and tests for hand-made or malformed messages. Data offsets
 * are in units of the field's size (bits for Bool), pointer offsets are pointer indexes, as in the
 * compiled schema (capnp compile -ocapnp prints them as bits / field width).
 */
public final class RawStruct {
    private RawStruct() {
    }

    /** A factory for structs of this size (the size matters only when initializing one). */
    public static Factory factory(int dataWords, int pointers) {
        return new Factory(new StructSize((short) dataWords, (short) pointers));
    }

    /** Reads any struct: the size comes from the pointer. */
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

        public void setBoolean(int offset, boolean v) {
            _setBooleanField(offset, v);
        }

        public void setByte(int offset, byte v) {
            _setByteField(offset, v);
        }

        public void setShort(int offset, short v) {
            _setShortField(offset, v);
        }

        public void setInt(int offset, int v) {
            _setIntField(offset, v);
        }

        public void setLong(int offset, long v) {
            _setLongField(offset, v);
        }

        public void setFloat(int offset, float v) {
            _setFloatField(offset, v);
        }

        public void setDouble(int offset, double v) {
            _setDoubleField(offset, v);
        }

        public AnyPointer.Builder pointer(int index) {
            return _getPointerField(AnyPointer.factory, index);
        }

        public void setText(int index, String v) {
            _setPointerField(Text.factory, index, new Text.Reader(v));
        }

        /** Room for {@code size} bytes of Data at pointer {@code index}, to fill in place (no copy). */
        public Data.Builder initData(int index, int size) {
            return _initPointerField(Data.factory, index, size);
        }

        public void setData(int index, byte[] v) {
            ByteBuffer target = _initPointerField(Data.factory, index, v.length).asByteBuffer();
            target.put(v);
        }

        public Builder initStruct(int index, int dataWords, int pointers) {
            return pointer(index).initAs(factory(dataWords, pointers));
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

        public boolean getBoolean(int offset) {
            return _getBooleanField(offset);
        }

        public byte getByte(int offset) {
            return _getByteField(offset);
        }

        public short getShort(int offset) {
            return _getShortField(offset);
        }

        public int getInt(int offset) {
            return _getIntField(offset);
        }

        public long getLong(int offset) {
            return _getLongField(offset);
        }

        public float getFloat(int offset) {
            return _getFloatField(offset);
        }

        public double getDouble(int offset) {
            return _getDoubleField(offset);
        }

        public boolean isNull(int index) {
            return index >= pointerCount || _pointerFieldIsNull(index);
        }

        public AnyPointer.Reader pointer(int index) {
            return _getPointerField(AnyPointer.factory, index);
        }

        /** The text at pointer {@code index}, or null for a null pointer. */
        public String getText(int index) {
            return isNull(index) ? null : _getPointerField(Text.factory, index).toString();
        }

        /** The data at pointer {@code index}, or null for a null pointer. */
        public byte[] getData(int index) {
            return isNull(index) ? null : _getPointerField(Data.factory, index).toArray();
        }

        /** The struct at pointer {@code index}, or null for a null pointer. */
        public Reader getStruct(int index) {
            return isNull(index) ? null : pointer(index).getAs(ANY);
        }

        /** The cap-table index at pointer {@code index}, -1 if null. */
        public int getCap(int index) {
            return isNull(index) ? -1 : pointer(index).getAs(CapPointer.READER).index();
        }
    }
}

package org.btcmp.ipc.capnp.proxy;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.ipc.capnp.rpc.RawStruct;
import org.capnproto.AnyPointer;
import org.capnproto.PrimitiveList;

/**
 * The number type hooks (Core's type-number.h): Java's primitives and their boxes as the schema's
 * Bool, Int8..Int64 (the unsigned types of the same width carry the same bits), Float32 and Float64;
 * a null box travels as zero.
 */
public final class NumberCodecs {
    private NumberCodecs() {
    }

    public static final Codec<Boolean> BOOL = new Codec<>() {
        @Override
        public void set(RawStruct.Builder s, int offset, Boolean v, Side side) {
            s.setBoolean(offset, v != null && v);
        }

        @Override
        public Boolean get(RawStruct.Reader s, int offset, Side side) {
            return s.getBoolean(offset);
        }

        @Override
        public void setList(AnyPointer.Builder p, List<Boolean> values, Side side) {
            PrimitiveList.Boolean.Builder list = p.initAs(PrimitiveList.Boolean.factory, values.size());
            for (int i = 0; i < values.size(); i++) {
                list.set(i, values.get(i));
            }
        }

        @Override
        public List<Boolean> getList(AnyPointer.Reader p, Side side) {
            PrimitiveList.Boolean.Reader list = p.getAs(PrimitiveList.Boolean.factory);
            List<Boolean> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(list.get(i));
            }
            return out;
        }
    };

    public static final Codec<Byte> INT8 = new Codec<>() {
        @Override
        public void set(RawStruct.Builder s, int offset, Byte v, Side side) {
            s.setByte(offset, v == null ? 0 : v);
        }

        @Override
        public Byte get(RawStruct.Reader s, int offset, Side side) {
            return s.getByte(offset);
        }

        @Override
        public void setList(AnyPointer.Builder p, List<Byte> values, Side side) {
            PrimitiveList.Byte.Builder list = p.initAs(PrimitiveList.Byte.factory, values.size());
            for (int i = 0; i < values.size(); i++) {
                list.set(i, values.get(i));
            }
        }

        @Override
        public List<Byte> getList(AnyPointer.Reader p, Side side) {
            PrimitiveList.Byte.Reader list = p.getAs(PrimitiveList.Byte.factory);
            List<Byte> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(list.get(i));
            }
            return out;
        }
    };

    public static final Codec<Short> INT16 = new Codec<>() {
        @Override
        public void set(RawStruct.Builder s, int offset, Short v, Side side) {
            s.setShort(offset, v == null ? 0 : v);
        }

        @Override
        public Short get(RawStruct.Reader s, int offset, Side side) {
            return s.getShort(offset);
        }

        @Override
        public void setList(AnyPointer.Builder p, List<Short> values, Side side) {
            PrimitiveList.Short.Builder list = p.initAs(PrimitiveList.Short.factory, values.size());
            for (int i = 0; i < values.size(); i++) {
                list.set(i, values.get(i));
            }
        }

        @Override
        public List<Short> getList(AnyPointer.Reader p, Side side) {
            PrimitiveList.Short.Reader list = p.getAs(PrimitiveList.Short.factory);
            List<Short> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(list.get(i));
            }
            return out;
        }
    };

    /** char as UInt16: the same bits. */
    public static final Codec<Character> CHAR = INT16.as(c -> (short) c.charValue(), s -> (char) s.shortValue());

    public static final Codec<Integer> INT32 = new Codec<>() {
        @Override
        public void set(RawStruct.Builder s, int offset, Integer v, Side side) {
            s.setInt(offset, v == null ? 0 : v);
        }

        @Override
        public Integer get(RawStruct.Reader s, int offset, Side side) {
            return s.getInt(offset);
        }

        @Override
        public void setList(AnyPointer.Builder p, List<Integer> values, Side side) {
            PrimitiveList.Int.Builder list = p.initAs(PrimitiveList.Int.factory, values.size());
            for (int i = 0; i < values.size(); i++) {
                list.set(i, values.get(i));
            }
        }

        @Override
        public List<Integer> getList(AnyPointer.Reader p, Side side) {
            PrimitiveList.Int.Reader list = p.getAs(PrimitiveList.Int.factory);
            List<Integer> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(list.get(i));
            }
            return out;
        }
    };

    public static final Codec<Long> INT64 = new Codec<>() {
        @Override
        public void set(RawStruct.Builder s, int offset, Long v, Side side) {
            s.setLong(offset, v == null ? 0 : v);
        }

        @Override
        public Long get(RawStruct.Reader s, int offset, Side side) {
            return s.getLong(offset);
        }

        @Override
        public void setList(AnyPointer.Builder p, List<Long> values, Side side) {
            PrimitiveList.Long.Builder list = p.initAs(PrimitiveList.Long.factory, values.size());
            for (int i = 0; i < values.size(); i++) {
                list.set(i, values.get(i));
            }
        }

        @Override
        public List<Long> getList(AnyPointer.Reader p, Side side) {
            PrimitiveList.Long.Reader list = p.getAs(PrimitiveList.Long.factory);
            List<Long> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(list.get(i));
            }
            return out;
        }
    };

    public static final Codec<Float> FLOAT32 = new Codec<>() {
        @Override
        public void set(RawStruct.Builder s, int offset, Float v, Side side) {
            s.setFloat(offset, v == null ? 0 : v);
        }

        @Override
        public Float get(RawStruct.Reader s, int offset, Side side) {
            return s.getFloat(offset);
        }

        @Override
        public void setList(AnyPointer.Builder p, List<Float> values, Side side) {
            PrimitiveList.Float.Builder list = p.initAs(PrimitiveList.Float.factory, values.size());
            for (int i = 0; i < values.size(); i++) {
                list.set(i, values.get(i));
            }
        }

        @Override
        public List<Float> getList(AnyPointer.Reader p, Side side) {
            PrimitiveList.Float.Reader list = p.getAs(PrimitiveList.Float.factory);
            List<Float> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(list.get(i));
            }
            return out;
        }
    };

    public static final Codec<Double> FLOAT64 = new Codec<>() {
        @Override
        public void set(RawStruct.Builder s, int offset, Double v, Side side) {
            s.setDouble(offset, v == null ? 0 : v);
        }

        @Override
        public Double get(RawStruct.Reader s, int offset, Side side) {
            return s.getDouble(offset);
        }

        @Override
        public void setList(AnyPointer.Builder p, List<Double> values, Side side) {
            PrimitiveList.Double.Builder list = p.initAs(PrimitiveList.Double.factory, values.size());
            for (int i = 0; i < values.size(); i++) {
                list.set(i, values.get(i));
            }
        }

        @Override
        public List<Double> getList(AnyPointer.Reader p, Side side) {
            PrimitiveList.Double.Reader list = p.getAs(PrimitiveList.Double.factory);
            List<Double> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(list.get(i));
            }
            return out;
        }
    };
}

package org.btcmp.ipc.capnp.proxy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.btcmp.ipc.capnp.rpc.RawStruct;
import org.capnproto.AnyPointer;
import org.capnproto.Data;
import org.capnproto.DataList;
import org.capnproto.PrimitiveList;
import org.capnproto.StructList;
import org.capnproto.Text;
import org.capnproto.TextList;

/**
 * The automatic type hooks (DESIGN.md "The IPC contract"), one codec per row of mpgen's TypeMapping:
 * generated proxies combine these; explicit converters live in the {@code convert} package.
 */
public final class Codecs {
    private Codecs() {
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
    public static final Codec<Character> CHAR = map(INT16, c -> (short) c.charValue(), s -> (char) s.shortValue());

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

    /** String as Text; null as a null pointer. */
    public static final Codec<String> TEXT = new Codec<>() {
        @Override
        public void set(RawStruct.Builder s, int offset, String v, Side side) {
            if (v != null) {
                s.setText(offset, v);
            }
        }

        @Override
        public String get(RawStruct.Reader s, int offset, Side side) {
            return s.getText(offset);
        }

        @Override
        public void setList(AnyPointer.Builder p, List<String> values, Side side) {
            TextList.Builder list = p.initAs(TextList.factory, values.size());
            for (int i = 0; i < values.size(); i++) {
                list.set(i, new Text.Reader(values.get(i)));
            }
        }

        @Override
        public List<String> getList(AnyPointer.Reader p, Side side) {
            TextList.Reader list = p.getAs(TextList.factory);
            List<String> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(list.get(i).toString());
            }
            return out;
        }
    };

    /** byte[] as Data; null as a null pointer. */
    public static final Codec<byte[]> DATA = new Codec<>() {
        @Override
        public void set(RawStruct.Builder s, int offset, byte[] v, Side side) {
            if (v != null) {
                s.setData(offset, v);
            }
        }

        @Override
        public byte[] get(RawStruct.Reader s, int offset, Side side) {
            return s.getData(offset);
        }

        @Override
        public void setList(AnyPointer.Builder p, List<byte[]> values, Side side) {
            DataList.Builder list = p.initAs(DataList.factory, values.size());
            for (int i = 0; i < values.size(); i++) {
                list.set(i, new Data.Reader(values.get(i)));
            }
        }

        @Override
        public List<byte[]> getList(AnyPointer.Reader p, Side side) {
            DataList.Reader list = p.getAs(DataList.factory);
            List<byte[]> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(list.get(i).toArray());
            }
            return out;
        }
    };

    /** A codec of {@code J} that travels as {@code W}. */
    public static <J, W> Codec<J> map(Codec<W> wire, Function<J, W> toWire, Function<W, J> fromWire) {
        return new Codec<>() {
            @Override
            public void set(RawStruct.Builder s, int offset, J v, Side side) {
                wire.set(s, offset, v == null ? null : toWire.apply(v), side);
            }

            @Override
            public J get(RawStruct.Reader s, int offset, Side side) {
                W w = wire.get(s, offset, side);
                return w == null ? null : fromWire.apply(w);
            }

            @Override
            public void setList(AnyPointer.Builder p, List<J> values, Side side) {
                wire.setList(p, values.stream().map(toWire).toList(), side);
            }

            @Override
            public List<J> getList(AnyPointer.Reader p, Side side) {
                return wire.getList(p, side).stream().map(fromWire).toList();
            }
        };
    }

    /** List, Collection as List(element); null as a null pointer. */
    public static <E> Codec<List<E>> list(Codec<E> element) {
        return new Codec<>() {
            @Override
            public void set(RawStruct.Builder s, int offset, List<E> v, Side side) {
                if (v != null) {
                    element.setList(s.pointer(offset), v, side);
                }
            }

            @Override
            public List<E> get(RawStruct.Reader s, int offset, Side side) {
                return s.isNull(offset) ? null : element.getList(s.pointer(offset), side);
            }
        };
    }

    /** Collection as List(element). */
    public static <E> Codec<Collection<E>> collection(Codec<E> element) {
        return map(list(element), ArrayList::new, l -> l);
    }

    /** Set as List(element), in iteration order; read as an insertion-ordered set. */
    public static <E> Codec<Set<E>> set(Codec<E> element) {
        return map(list(element), ArrayList::new, LinkedHashSet::new);
    }

    /** Map as List(entry struct {key, value}), in iteration order; read as an insertion-ordered map. */
    public static <K, V> Codec<Map<K, V>> mapOf(int dataWords, int pointers, Codec<K> key, int keyOffset,
            Codec<V> value, int valueOffset) {
        StructList.Factory<RawStruct.Builder, RawStruct.Reader> factory = new StructList.Factory<>(RawStruct.factory(dataWords, pointers));
        return new Codec<>() {
            @Override
            public void set(RawStruct.Builder s, int offset, Map<K, V> v, Side side) {
                if (v == null) {
                    return;
                }
                StructList.Builder<RawStruct.Builder> list = s.pointer(offset).initAs(factory, v.size());
                int i = 0;
                for (Map.Entry<K, V> e : v.entrySet()) {
                    RawStruct.Builder entry = list.get(i++);
                    key.set(entry, keyOffset, e.getKey(), side);
                    value.set(entry, valueOffset, e.getValue(), side);
                }
            }

            @Override
            public Map<K, V> get(RawStruct.Reader s, int offset, Side side) {
                if (s.isNull(offset)) {
                    return null;
                }
                StructList.Reader<RawStruct.Reader> list = s.pointer(offset).getAs(factory);
                Map<K, V> out = new LinkedHashMap<>();
                for (int i = 0; i < list.size(); i++) {
                    RawStruct.Reader entry = list.get(i);
                    out.put(key.get(entry, keyOffset, side), value.get(entry, valueOffset, side));
                }
                return out;
            }
        };
    }

    /** An enum as a schema enum: {@code constants[i]} is enumerant i. */
    public static <E extends Enum<E>> Codec<E> enumOf(Class<E> type, E[] constants) {
        return map(INT16, e -> (short) ordinal(constants, e), s -> {
            int i = s & 0xffff;
            if (i >= constants.length) {
                throw new IllegalArgumentException("enumerant " + i + " is not a constant of " + type.getName());
            }
            return constants[i];
        });
    }

    private static int ordinal(Object[] constants, Object e) {
        for (int i = 0; i < constants.length; i++) {
            if (constants[i] == e) {
                return i;
            }
        }
        throw new IllegalArgumentException(e + " has no enumerant in the schema");
    }

    /** Optional: the value at {@code offset} plus the Bool {@code has<Field>} at bit {@code presence}. */
    public static <T> Codec<Optional<T>> optional(Codec<T> value, int presence) {
        return new Codec<>() {
            @Override
            public void set(RawStruct.Builder s, int offset, Optional<T> v, Side side) {
                if (v != null && v.isPresent()) {
                    s.setBoolean(presence, true);
                    value.set(s, offset, v.get(), side);
                }
            }

            @Override
            public Optional<T> get(RawStruct.Reader s, int offset, Side side) {
                return s.getBoolean(presence) ? Optional.ofNullable(value.get(s, offset, side)) : Optional.empty();
            }
        };
    }

    public static Codec<OptionalInt> optionalInt(int presence) {
        return map(optional(INT32, presence), o -> o.isPresent() ? Optional.of(o.getAsInt()) : Optional.empty(),
                o -> o.isPresent() ? OptionalInt.of(o.get()) : OptionalInt.empty());
    }

    public static Codec<OptionalLong> optionalLong(int presence) {
        return map(optional(INT64, presence), o -> o.isPresent() ? Optional.of(o.getAsLong()) : Optional.empty(),
                o -> o.isPresent() ? OptionalLong.of(o.get()) : OptionalLong.empty());
    }

    public static Codec<OptionalDouble> optionalDouble(int presence) {
        return map(optional(FLOAT64, presence), o -> o.isPresent() ? Optional.of(o.getAsDouble()) : Optional.empty(),
                o -> o.isPresent() ? OptionalDouble.of(o.get()) : OptionalDouble.empty());
    }

    /** An interface (or callback) as a capability: a live reference to the object. */
    public static <I> Codec<I> object(Class<I> type) {
        return new Codec<>() {
            @Override
            public void set(RawStruct.Builder s, int offset, I v, Side side) {
                s.setCap(offset, side.writeObject(type, v));
            }

            @Override
            public I get(RawStruct.Reader s, int offset, Side side) {
                return side.readObject(type, s.getCap(offset));
            }
        };
    }

    /** One record component: its codec, field offset and accessor. */
    public record Component<R, C>(Codec<C> codec, int offset, Function<R, C> accessor) {
    }

    public static <R, C> Component<R, C> component(Codec<C> codec, int offset, Function<R, C> accessor) {
        return new Component<>(codec, offset, accessor);
    }

    /** A record as a struct, component for field; {@code constructor} takes the components in order. */
    @SafeVarargs
    public static <R> Codec<R> record(int dataWords, int pointers, Function<Object[], R> constructor,
            Component<R, ?>... components) {
        return new RecordCodec<>(RawStruct.factory(dataWords, pointers), constructor, List.of(components));
    }
}

package org.btcmp.ipc.capnp.proxy;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.btcmp.ipc.capnp.rpc.RawStruct;

/**
 * The optional type hooks (Core's type-optional.h): the value's field plus the Bool {@code has<Field>}
 * beside it, at bit {@code presence}; empty leaves both unset.
 */
public final class OptionalCodecs {
    private OptionalCodecs() {
    }

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
        return optional(NumberCodecs.INT32, presence).as(o -> o.isPresent() ? Optional.of(o.getAsInt()) : Optional.empty(),
                o -> o.isPresent() ? OptionalInt.of(o.get()) : OptionalInt.empty());
    }

    public static Codec<OptionalLong> optionalLong(int presence) {
        return optional(NumberCodecs.INT64, presence).as(o -> o.isPresent() ? Optional.of(o.getAsLong()) : Optional.empty(),
                o -> o.isPresent() ? OptionalLong.of(o.get()) : OptionalLong.empty());
    }

    public static Codec<OptionalDouble> optionalDouble(int presence) {
        return optional(NumberCodecs.FLOAT64, presence).as(o -> o.isPresent() ? Optional.of(o.getAsDouble()) : Optional.empty(),
                o -> o.isPresent() ? OptionalDouble.of(o.get()) : OptionalDouble.empty());
    }
}

package org.btcmp.ipc.capnp.proxy;

import java.util.List;
import java.util.function.Function;
import org.btcmp.ipc.capnp.rpc.RawStruct;

/** The struct type hook (Core's type-struct.h): a record as a struct, component for field ({@link RecordCodec}). */
public final class StructCodecs {
    private StructCodecs() {
    }

    /** One record component: its codec, field offset and accessor. */
    public record Component<R, C>(Codec<C> codec, int offset, Function<R, C> accessor) {
    }

    public static <R, C> Component<R, C> component(Codec<C> codec, int offset, Function<R, C> accessor) {
        return new Component<>(codec, offset, accessor);
    }

    /** A record as a struct of that size; {@code constructor} takes the components in order. */
    @SafeVarargs
    public static <R> Codec<R> record(int dataWords, int pointers, Function<Object[], R> constructor,
            Component<R, ?>... components) {
        return new RecordCodec<>(RawStruct.factory(dataWords, pointers), constructor, List.of(components));
    }
}

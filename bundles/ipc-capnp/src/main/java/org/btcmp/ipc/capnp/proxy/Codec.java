package org.btcmp.ipc.capnp.proxy;

import java.util.List;
import java.util.function.Function;
import org.btcmp.ipc.capnp.rpc.RawStruct;
import org.capnproto.AnyPointer;

/**
 * How one Java type travels (a type hook): as a field of a struct at an offset mpgen computed, and
 * as the elements of a list. The automatic hooks are the {@code *Codecs} classes of this package, one
 * per type family (as libmultiprocess's type-*.h); an explicit converter (named in a schema with
 * $Java.converter, one class per type family, as Core's *-types.h) extends this class and has a public
 * no-argument constructor.
 *
 * @param <T> the Java type
 */
public abstract class Codec<T> {

    /** Writes {@code value} into the field at {@code offset} of {@code struct}. */
    public abstract void set(RawStruct.Builder struct, int offset, T value, Side side);

    /** Reads the field at {@code offset} of {@code struct}. */
    public abstract T get(RawStruct.Reader struct, int offset, Side side);

    /** Writes {@code values} as a list at {@code pointer}. */
    public void setList(AnyPointer.Builder pointer, List<T> values, Side side) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no list form");
    }

    /** Reads the list at {@code pointer}. */
    public List<T> getList(AnyPointer.Reader pointer, Side side) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no list form");
    }

    /** This codec seen as a codec of {@code J}: values converted to {@code T} to travel, and back when read. */
    public final <J> Codec<J> as(Function<J, T> toWire, Function<T, J> fromWire) {
        return new MappedCodec<>(this, toWire, fromWire);
    }
}

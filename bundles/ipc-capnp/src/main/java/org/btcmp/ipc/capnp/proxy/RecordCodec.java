package org.btcmp.ipc.capnp.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.btcmp.ipc.capnp.rpc.RawStruct;
import org.capnproto.AnyPointer;
import org.capnproto.StructList;

/** A record as a struct, component for field; null as a null pointer. */
final class RecordCodec<R> extends Codec<R> {
    private final RawStruct.Factory factory;
    private final StructList.Factory<RawStruct.Builder, RawStruct.Reader> listFactory;
    private final Function<Object[], R> constructor;
    private final List<StructCodecs.Component<R, ?>> components;

    RecordCodec(RawStruct.Factory factory, Function<Object[], R> constructor, List<StructCodecs.Component<R, ?>> components) {
        this.factory = factory;
        this.listFactory = new StructList.Factory<>(factory);
        this.constructor = constructor;
        this.components = components;
    }

    @Override
    public void set(RawStruct.Builder s, int offset, R v, Side side) {
        if (v != null) {
            write(s.pointer(offset).initAs(factory), v, side);
        }
    }

    @Override
    public R get(RawStruct.Reader s, int offset, Side side) {
        RawStruct.Reader struct = s.getStruct(offset);
        return struct == null ? null : read(struct, side);
    }

    @Override
    public void setList(AnyPointer.Builder p, List<R> values, Side side) {
        StructList.Builder<RawStruct.Builder> list = p.initAs(listFactory, values.size());
        for (int i = 0; i < values.size(); i++) {
            write(list.get(i), values.get(i), side);
        }
    }

    @Override
    public List<R> getList(AnyPointer.Reader p, Side side) {
        StructList.Reader<RawStruct.Reader> list = p.getAs(listFactory);
        List<R> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(read(list.get(i), side));
        }
        return out;
    }

    private void write(RawStruct.Builder struct, R v, Side side) {
        for (StructCodecs.Component<R, ?> c : components) {
            writeComponent(struct, c, v, side);
        }
    }

    private static <R, C> void writeComponent(RawStruct.Builder struct, StructCodecs.Component<R, C> c, R v, Side side) {
        c.codec().set(struct, c.offset(), c.accessor().apply(v), side);
    }

    private R read(RawStruct.Reader struct, Side side) {
        Object[] values = new Object[components.size()];
        for (int i = 0; i < values.length; i++) {
            StructCodecs.Component<R, ?> c = components.get(i);
            values[i] = c.codec().get(struct, c.offset(), side);
        }
        return constructor.apply(values);
    }
}

package org.btcmp.ipc.capnp.proxy;

import java.util.List;
import java.util.function.Function;
import org.btcmp.ipc.capnp.rpc.RawStruct;
import org.capnproto.AnyPointer;

/** A codec of {@code J} that travels as {@code W} through another codec ({@link Codec#as}); null stays null. */
final class MappedCodec<J, W> extends Codec<J> {
    private final Codec<W> wire;
    private final Function<J, W> toWire;
    private final Function<W, J> fromWire;

    MappedCodec(Codec<W> wire, Function<J, W> toWire, Function<W, J> fromWire) {
        this.wire = wire;
        this.toWire = toWire;
        this.fromWire = fromWire;
    }

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
}

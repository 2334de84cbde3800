package org.btcmp.ipc.capnp.convert;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.btcmp.ipc.capnp.proxy.Codec;
import org.btcmp.ipc.capnp.proxy.TextCodecs;
import org.btcmp.ipc.capnp.proxy.Side;
import org.btcmp.ipc.capnp.rpc.RawStruct;

/**
 * A fee rate in satoshis per 1000 virtual bytes as Core sends a CFeeRate: Data holding its
 * serialization, the int64 satoshis-per-kvB little-endian.
 */
public final class FeeRates extends Codec<Long> {
    @Override
    public void set(RawStruct.Builder struct, int offset, Long value, Side side) {
        if (value != null) {
            TextCodecs.DATA.set(struct, offset, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array(), side);
        }
    }

    @Override
    public Long get(RawStruct.Reader struct, int offset, Side side) {
        byte[] wire = TextCodecs.DATA.get(struct, offset, side);
        if (wire == null) {
            return null;
        }
        if (wire.length != 8) {
            throw new IllegalArgumentException("a CFeeRate is 8 bytes, got " + wire.length);
        }
        return ByteBuffer.wrap(wire).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}

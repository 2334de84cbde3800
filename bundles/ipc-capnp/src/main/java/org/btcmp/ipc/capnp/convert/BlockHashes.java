package org.btcmp.ipc.capnp.convert;

import java.util.HexFormat;
import java.util.List;
import org.btcmp.ipc.capnp.proxy.Codec;
import org.btcmp.ipc.capnp.proxy.TextCodecs;
import org.btcmp.ipc.capnp.proxy.Side;
import org.btcmp.ipc.capnp.rpc.RawStruct;
import org.capnproto.AnyPointer;

/**
 * A 32-byte hash (block hash, txid) as Core sends a uint256: Data in internal byte order, while the
 * Java interfaces use the display hex RPC prints (the bytes reversed). Core's counterpart is the
 * uint256 handling in its ipc/capnp/common-types.h.
 */
public final class BlockHashes extends Codec<String> {
    private static final HexFormat HEX = HexFormat.of();

    @Override
    public void set(RawStruct.Builder struct, int offset, String value, Side side) {
        TextCodecs.DATA.set(struct, offset, value == null ? null : toWire(value), side);
    }

    @Override
    public String get(RawStruct.Reader struct, int offset, Side side) {
        byte[] wire = TextCodecs.DATA.get(struct, offset, side);
        return wire == null ? null : fromWire(wire);
    }

    @Override
    public void setList(AnyPointer.Builder pointer, List<String> values, Side side) {
        TextCodecs.DATA.setList(pointer, values.stream().map(BlockHashes::toWire).toList(), side);
    }

    @Override
    public List<String> getList(AnyPointer.Reader pointer, Side side) {
        return TextCodecs.DATA.getList(pointer, side).stream().map(BlockHashes::fromWire).toList();
    }

    /** Display hex to Core's internal byte order. */
    static byte[] toWire(String hex) {
        if (hex.length() != 64) {
            throw new IllegalArgumentException("a hash is 64 hex digits, got " + hex.length() + ": " + hex);
        }
        return reversed(HEX.parseHex(hex));
    }

    static String fromWire(byte[] wire) {
        if (wire.length != 32) {
            throw new IllegalArgumentException("a hash is 32 bytes, got " + wire.length);
        }
        return HEX.formatHex(reversed(wire));
    }

    private static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }
}

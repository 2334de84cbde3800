package org.btcmp.node.net;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes a payload with Bitcoin's serialization; the counterpart of {@link WireReader}. */
final class WireWriter {
    private byte[] buffer = new byte[64];
    private int size;

    private void ensure(int n) {
        if (size + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + n));
        }
    }

    WireWriter u8(int v) {
        ensure(1);
        buffer[size++] = (byte) v;
        return this;
    }

    WireWriter bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    WireWriter u16be(int v) {
        return u8(v >>> 8).u8(v);
    }

    WireWriter u16le(int v) {
        return u8(v).u8(v >>> 8);
    }

    WireWriter i32(int v) {
        for (int i = 0; i < 4; i++) {
            u8(v >>> (8 * i));
        }
        return this;
    }

    WireWriter i64(long v) {
        for (int i = 0; i < 8; i++) {
            u8((int) (v >>> (8 * i)));
        }
        return this;
    }

    WireWriter bytes(byte[] v) {
        ensure(v.length);
        System.arraycopy(v, 0, buffer, size, v.length);
        size += v.length;
        return this;
    }

    WireWriter compactSize(long v) {
        if (v < 253) {
            return u8((int) v);
        } else if (v <= 0xffff) {
            return u8(253).u16le((int) v);
        } else if (v <= 0xffffffffL) {
            return u8(254).i32((int) v);
        }
        return u8(255).i64(v);
    }

    WireWriter string(String v) {
        byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
        return compactSize(utf8.length).bytes(utf8);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }
}

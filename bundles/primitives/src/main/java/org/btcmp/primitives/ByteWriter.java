package org.btcmp.primitives;

import java.io.ByteArrayOutputStream;

/** Writes Bitcoin's little-endian wire encoding. */
public final class ByteWriter {
    private final ByteArrayOutputStream out;

    public ByteWriter() {
        this(256);
    }

    public ByteWriter(int capacity) {
        out = new ByteArrayOutputStream(capacity);
    }

    public ByteWriter writeUInt8(int v) {
        out.write(v);
        return this;
    }

    public ByteWriter writeInt32(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
        return this;
    }

    public ByteWriter writeUInt32(long v) {
        return writeInt32((int) v);
    }

    public ByteWriter writeInt64(long v) {
        writeInt32((int) v);
        return writeInt32((int) (v >>> 32));
    }

    public ByteWriter writeBytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public ByteWriter writeCompactSize(long n) {
        if (n < 0xfd) {
            out.write((int) n);
        } else if (n <= 0xffff) {
            out.write(0xfd);
            out.write((int) n);
            out.write((int) (n >>> 8));
        } else if (n <= 0xffffffffL) {
            out.write(0xfe);
            writeInt32((int) n);
        } else {
            out.write(0xff);
            writeInt64(n);
        }
        return this;
    }

    public ByteWriter writeVarBytes(byte[] b) {
        writeCompactSize(b.length);
        return writeBytes(b);
    }

    public ByteWriter writeHash(Hash256 h) {
        return writeBytes(h.internalBytes());
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Size in bytes of {@code n} as a compact size. */
    public static int compactSizeLength(long n) {
        return n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffffffffL ? 5 : 9;
    }
}

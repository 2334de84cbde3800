package org.btcmp.primitives;

import java.util.Arrays;

/**
 * Reads Bitcoin's little-endian wire encoding from a byte array. Every failure is a
 * {@link DecodeException} naming the field and the offset, never a raw runtime exception.
 */
public final class ByteReader {
    /** Core's MAX_SIZE: no vector or byte string on the wire may claim more elements. */
    public static final long MAX_SIZE = 0x02000000L;

    private final byte[] data;
    private int pos;

    public ByteReader(byte[] data) {
        this.data = data;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return data.length - pos;
    }

    public boolean atEnd() {
        return pos == data.length;
    }

    private void need(int n, String what) {
        if (n < 0 || data.length - pos < n) {
            throw new DecodeException("end of data reading " + what + " at offset " + pos
                    + " (need " + n + " bytes, have " + (data.length - pos) + ")");
        }
    }

    public int readUInt8(String what) {
        need(1, what);
        return data[pos++] & 0xff;
    }

    public int readInt32(String what) {
        need(4, what);
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8 | (data[pos + 2] & 0xff) << 16
                | (data[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    public long readUInt32(String what) {
        return readInt32(what) & 0xffffffffL;
    }

    public long readInt64(String what) {
        long lo = readUInt32(what);
        long hi = readUInt32(what);
        return lo | hi << 32;
    }

    public byte[] readBytes(int n, String what) {
        need(n, what);
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    /** Core's ReadCompactSize with its canonical-encoding and MAX_SIZE checks. */
    public long readCompactSize(String what) {
        int start = pos;
        int first = readUInt8(what);
        long value;
        if (first < 0xfd) {
            value = first;
        } else if (first == 0xfd) {
            need(2, what);
            value = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
            pos += 2;
            if (value < 0xfd) {
                throw nonCanonical(what, start);
            }
        } else if (first == 0xfe) {
            value = readUInt32(what);
            if (value < 0x10000L) {
                throw nonCanonical(what, start);
            }
        } else {
            value = readInt64(what);
            if (value >= 0 && value < 0x100000000L) {
                throw nonCanonical(what, start);
            }
        }
        if (value < 0 || value > MAX_SIZE) {
            throw new DecodeException("size too large reading " + what + " at offset " + start);
        }
        return value;
    }

    private static DecodeException nonCanonical(String what, int at) {
        return new DecodeException("non-canonical compact size reading " + what + " at offset " + at);
    }

    /** A count of elements that must each take at least {@code minBytes}, checked against the data left. */
    public int readCount(String what, int minBytes) {
        int start = pos;
        long n = readCompactSize(what);
        if (n * Math.max(minBytes, 1) > remaining() && minBytes > 0) {
            throw new DecodeException("count " + n + " of " + what + " at offset " + start
                    + " exceeds the remaining " + remaining() + " bytes");
        }
        return (int) n;
    }

    public byte[] readVarBytes(String what) {
        int start = pos;
        long n = readCompactSize(what);
        if (n > remaining()) {
            throw new DecodeException("length " + n + " of " + what + " at offset " + start
                    + " exceeds the remaining " + remaining() + " bytes");
        }
        return readBytes((int) n, what);
    }

    public Hash256 readHash(String what) {
        return Hash256.wrap(readBytes(32, what));
    }
}

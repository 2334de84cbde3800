package org.btcmp.node.net;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a payload with Bitcoin's serialization (little-endian integers, CompactSize counts). Every failure
 * names the field and the byte offset, and nothing is allocated from a count before the bytes it claims are
 * known to be present.
 */
final class WireReader {
    /** Reads one entry of a list. */
    interface EntryReader<T> {
        T read(WireReader in) throws MalformedMessageException;
    }

    private final byte[] data;
    private int position;

    WireReader(byte[] data) {
        this.data = data;
    }

    int remaining() {
        return data.length - position;
    }

    int position() {
        return position;
    }

    private void require(int n, String field) throws MalformedMessageException {
        if (n > remaining()) {
            throw new MalformedMessageException(field + " at byte " + position + ": needs " + n
                    + " bytes, " + remaining() + " left");
        }
    }

    int u8(String field) throws MalformedMessageException {
        require(1, field);
        return data[position++] & 0xff;
    }

    boolean bool(String field) throws MalformedMessageException {
        return u8(field) != 0;
    }

    /** A port: the one big-endian integer of the protocol. */
    int u16be(String field) throws MalformedMessageException {
        require(2, field);
        int v = (data[position] & 0xff) << 8 | (data[position + 1] & 0xff);
        position += 2;
        return v;
    }

    int u16le(String field) throws MalformedMessageException {
        require(2, field);
        int v = (data[position] & 0xff) | (data[position + 1] & 0xff) << 8;
        position += 2;
        return v;
    }

    int i32(String field) throws MalformedMessageException {
        require(4, field);
        int v = 0;
        for (int i = 3; i >= 0; i--) {
            v = v << 8 | (data[position + i] & 0xff);
        }
        position += 4;
        return v;
    }

    long u32(String field) throws MalformedMessageException {
        return i32(field) & 0xffffffffL;
    }

    long i64(String field) throws MalformedMessageException {
        require(8, field);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (data[position + i] & 0xff);
        }
        position += 8;
        return v;
    }

    byte[] bytes(int n, String field) throws MalformedMessageException {
        require(n, field);
        byte[] out = new byte[n];
        System.arraycopy(data, position, out, 0, n);
        position += n;
        return out;
    }

    void skip(int n, String field) throws MalformedMessageException {
        require(n, field);
        position += n;
    }

    /** A CompactSize as Core reads it: canonical encodings only, at most MAX_SIZE. */
    long compactSize(String field) throws MalformedMessageException {
        int at = position;
        int first = u8(field);
        long value;
        long minimum;
        if (first < 253) {
            return first;
        } else if (first == 253) {
            value = u16le(field);
            minimum = 253;
        } else if (first == 254) {
            value = u32(field);
            minimum = 0x10000;
        } else {
            value = i64(field);
            minimum = 0x100000000L;
        }
        if (Long.compareUnsigned(value, minimum) < 0) {
            throw new MalformedMessageException(field + " at byte " + at + ": non-canonical CompactSize");
        }
        if (Long.compareUnsigned(value, ProtocolLimits.MAX_COMPACT_SIZE) > 0) {
            throw new MalformedMessageException(field + " at byte " + at + ": CompactSize "
                    + Long.toUnsignedString(value) + " exceeds " + ProtocolLimits.MAX_COMPACT_SIZE);
        }
        return value;
    }

    /** A length-prefixed string of at most {@code maxLength} bytes (Core's LIMITED_STRING). */
    String limitedString(int maxLength, String field) throws MalformedMessageException {
        int at = position;
        long length = compactSize(field);
        if (length > maxLength) {
            throw new MalformedMessageException(field + " at byte " + at + ": " + length
                    + " bytes, at most " + maxLength + " allowed");
        }
        return new String(bytes((int) length, field), StandardCharsets.UTF_8);
    }

    /**
     * A CompactSize-counted list. A count the remaining bytes cannot hold is malformed before anything is
     * allocated. Over {@code limit}: with {@code limitBeforeEntries} (how Core reads headers) that is
     * misbehaviour at once; otherwise (inv, getdata, addr) Core first deserializes the whole vector, so the
     * entries are parsed and dropped, and only a list that parses is misbehaviour.
     */
    <T> List<T> list(String field, int limit, int minEntrySize, boolean limitBeforeEntries,
            EntryReader<T> entry) throws MalformedMessageException {
        int at = position;
        long count = compactSize(field + " count");
        if (limitBeforeEntries && count > limit) {
            throw new LimitExceededException(field + " at byte " + at + ": " + count
                    + " entries, at most " + limit + " allowed");
        }
        if (count * minEntrySize > remaining()) {
            throw new MalformedMessageException(field + " at byte " + at + ": " + count
                    + " entries cannot fit in the " + remaining() + " bytes left");
        }
        if (count > limit) {
            for (long i = 0; i < count; i++) {
                entry.read(this);
            }
            throw new LimitExceededException(field + " at byte " + at + ": " + count
                    + " entries, at most " + limit + " allowed");
        }
        List<T> out = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            out.add(entry.read(this));
        }
        return out;
    }
}

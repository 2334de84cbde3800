package org.btcmp.mpgen.compile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An independent, schema-free reader of unpacked Cap'n Proto stream messages, used to compare our
 * output with the C++ compiler's. It turns pointed-to content into a canonical tree: struct
 * sections without trailing zero words or null pointers, empty structs and lists as null, so that
 * two encodings of the same value compare equal.
 */
final class WireDecoder {
    /** A canonical struct: data words and pointed-to content. */
    record Struct(long[] data, Object[] pointers) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Struct s && Arrays.equals(data, s.data) && Arrays.deepEquals(pointers, s.pointers);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "(data=" + Arrays.toString(data) + ", pointers=" + Arrays.deepToString(pointers) + ")";
        }

        long word(int i) {
            return i < data.length ? data[i] : 0;
        }

        Object pointer(int i) {
            return i < pointers.length ? pointers[i] : null;
        }
    }

    /** A canonical list: element size code and elements (Long values, or canonical pointers/structs). */
    record WireList(int elementSize, List<Object> elements) {
    }

    private final long[][] segments;

    private WireDecoder(long[][] segments) {
        this.segments = segments;
    }

    /** Decodes the root struct of a message in stream framing. */
    static Struct root(byte[] message) {
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        int count = b.getInt() + 1;
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = b.getInt();
        }
        if (count % 2 == 0) {
            b.getInt();
        }
        long[][] segs = new long[count][];
        for (int i = 0; i < count; i++) {
            segs[i] = new long[sizes[i]];
            for (int j = 0; j < sizes[i]; j++) {
                segs[i][j] = b.getLong();
            }
        }
        Object root = new WireDecoder(segs).pointer(0, 0);
        return root == null ? new Struct(new long[0], new Object[0]) : (Struct) root;
    }

    private Object pointer(int seg, int at) {
        long p = segments[seg][at];
        if (p == 0) {
            return null;
        }
        int kind = (int) (p & 3);
        if (kind == 2) {
            boolean doubleFar = (p & 4) != 0;
            int padOffset = (int) ((p & 0xffffffffL) >>> 3);
            int padSeg = (int) (p >>> 32);
            if (!doubleFar) {
                return pointer(padSeg, padOffset);
            }
            long far = segments[padSeg][padOffset];
            long tag = segments[padSeg][padOffset + 1];
            int contentSeg = (int) (far >>> 32);
            int contentAt = (int) ((far & 0xffffffffL) >>> 3);
            return content(tag, contentSeg, contentAt);
        }
        if (kind == 3) {
            return "capability";
        }
        int offset = (int) p >> 2;
        return content(p, seg, at + 1 + offset);
    }

    private Object content(long p, int seg, int start) {
        int kind = (int) (p & 3);
        if (kind == 0) {
            int dataWords = (int) ((p >>> 32) & 0xffff);
            int pointerCount = (int) (p >>> 48);
            Struct s = struct(seg, start, dataWords, pointerCount);
            return s.data.length == 0 && s.pointers.length == 0 ? null : s;
        }
        int elementSize = (int) ((p >>> 32) & 7);
        int count = (int) (p >>> 35);
        List<Object> elements = new ArrayList<>();
        if (elementSize == 7) {
            long tag = segments[seg][start];
            int n = (int) ((tag & 0xffffffffL) >>> 2);
            int dataWords = (int) ((tag >>> 32) & 0xffff);
            int pointerCount = (int) (tag >>> 48);
            int step = dataWords + pointerCount;
            for (int i = 0; i < n; i++) {
                elements.add(struct(seg, start + 1 + i * step, dataWords, pointerCount));
            }
        } else if (elementSize == 6) {
            for (int i = 0; i < count; i++) {
                elements.add(pointer(seg, start + i));
            }
        } else {
            int bits = new int[] {0, 1, 8, 16, 32, 64}[elementSize];
            for (int i = 0; i < count; i++) {
                long bitOffset = (long) i * bits;
                long value = bits == 0 ? 0 : extract(segments[seg], start, bitOffset, bits);
                elements.add(value);
            }
        }
        return elements.isEmpty() ? null : new WireList(elementSize, elements);
    }

    private static long extract(long[] seg, int start, long bitOffset, int bits) {
        long word = seg[start + (int) (bitOffset / 64)];
        long v = word >>> (bitOffset % 64);
        return bits == 64 ? v : v & ((1L << bits) - 1);
    }

    private Struct struct(int seg, int start, int dataWords, int pointerCount) {
        int d = dataWords;
        while (d > 0 && segments[seg][start + d - 1] == 0) {
            d--;
        }
        long[] data = Arrays.copyOfRange(segments[seg], start, start + d);
        Object[] pointers = new Object[pointerCount];
        int last = 0;
        for (int i = 0; i < pointerCount; i++) {
            pointers[i] = pointer(seg, start + dataWords + i);
            if (pointers[i] != null) {
                last = i + 1;
            }
        }
        return new Struct(data, Arrays.copyOf(pointers, last));
    }
}

package org.btcmp.mpgen.compile;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.btcmp.mpgen.schema.RawPointer;

/**
 * Reads a Cap'n Proto message (standard segment-table framing) into schema-free pointer content, for
 * {@code embed} of a struct. Content is kept as it is on the wire (section sizes included).
 */
final class MessageDecoder {
    /** A file that is not a well-formed message. */
    static final class MalformedMessage extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedMessage(String message) {
            super(message);
        }
    }

    private static final int MAX_DEPTH = 64;
    private final long[][] segments;

    private MessageDecoder(long[][] segments) {
        this.segments = segments;
    }

    /** The message's root pointer content. */
    static RawPointer root(byte[] message) throws MalformedMessage {
        if (message.length % 8 != 0) {
            throw new MalformedMessage("Embedded file is not a valid Cap'n Proto message.");
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
            int count = b.getInt() + 1;
            if (count <= 0 || count > 512) {
                throw new MalformedMessage("Embedded file is not a valid Cap'n Proto message.");
            }
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
            return new MessageDecoder(segs).pointer(0, 0, 0);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new MalformedMessage("Embedded file is not a valid Cap'n Proto message.");
        }
    }

    private RawPointer pointer(int seg, int at, int depth) throws MalformedMessage {
        if (depth > MAX_DEPTH) {
            throw new MalformedMessage("Embedded message is nested too deeply.");
        }
        long p = segments[seg][at];
        if (p == 0) {
            return null;
        }
        int kind = (int) (p & 3);
        if (kind == 2) {
            int padSeg = (int) (p >>> 32);
            int padAt = (int) ((p & 0xffffffffL) >>> 3);
            if ((p & 4) == 0) {
                return pointer(padSeg, padAt, depth + 1);
            }
            long far = segments[padSeg][padAt];
            return content(segments[padSeg][padAt + 1], (int) (far >>> 32), (int) ((far & 0xffffffffL) >>> 3), depth);
        }
        if (kind == 3) {
            throw new MalformedMessage("Embedded message contains a capability.");
        }
        return content(p, seg, at + 1 + ((int) p >> 2), depth);
    }

    private RawPointer content(long p, int seg, int start, int depth) throws MalformedMessage {
        if ((p & 3) == 0) {
            return struct(seg, start, (int) ((p >>> 32) & 0xffff), (int) (p >>> 48), depth);
        }
        int elementSize = (int) ((p >>> 32) & 7);
        int count = (int) (p >>> 35);
        if (elementSize == 7) {
            long tag = segments[seg][start];
            int n = (int) ((tag & 0xffffffffL) >>> 2);
            int dataWords = (int) ((tag >>> 32) & 0xffff);
            int pointerCount = (int) (tag >>> 48);
            RawPointer[] elements = new RawPointer[n];
            for (int i = 0; i < n; i++) {
                elements[i] = struct(seg, start + 1 + i * (dataWords + pointerCount), dataWords, pointerCount, depth);
            }
            return new RawPointer.List(7, n, null, elements, dataWords, pointerCount);
        }
        if (elementSize == 6) {
            RawPointer[] elements = new RawPointer[count];
            for (int i = 0; i < count; i++) {
                elements[i] = pointer(seg, start + i, depth + 1);
            }
            return new RawPointer.List(6, count, null, elements, 0, 0);
        }
        int bits = new int[] {0, 1, 8, 16, 32, 64}[elementSize];
        long[] values = new long[count];
        for (int i = 0; i < count && bits > 0; i++) {
            long bitOffset = (long) i * bits;
            long word = segments[seg][start + (int) (bitOffset / 64)] >>> (bitOffset % 64);
            values[i] = bits == 64 ? word : word & ((1L << bits) - 1);
        }
        return new RawPointer.List(elementSize, count, values, null, 0, 0);
    }

    private RawPointer.Struct struct(int seg, int start, int dataWords, int pointerCount, int depth)
            throws MalformedMessage {
        long[] data = Arrays.copyOfRange(segments[seg], start, start + dataWords);
        RawPointer[] pointers = new RawPointer[pointerCount];
        for (int i = 0; i < pointerCount; i++) {
            pointers[i] = pointer(seg, start + dataWords + i, depth + 1);
        }
        return new RawPointer.Struct(data, pointers);
    }
}

package org.btcmp.ipc.capnp.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import org.capnproto.MessageReader;
import org.capnproto.ReaderOptions;

/**
 * Reads messages in Cap'n Proto's standard (unpacked) stream framing from a blocking channel: a table
 * of little-endian 32-bit words (segment count minus one, then each segment's size in words, padded to
 * a whole word), then the segments.
 *
 * <p>The table is checked against {@link FrameLimits} before the frame's buffer is sized, so a peer
 * cannot make this side allocate more than the limits allow. Reads ask for up to 8 KiB at a time, so a
 * small message usually arrives in one system call; bytes that belong to the next frame are moved to
 * the next frame's buffer. A larger frame's body is read exactly, without reading ahead, so nothing
 * large is ever copied. Buffers come from a pool and return to it when a {@link Frame}
 * is closed. Not thread-safe: one reader thread per channel.
 */
public final class FrameReader {
    private static final int WORD = 8;
    /** Frames live in one buffer, so a frame may not exceed what a ByteBuffer can hold. */
    private static final long MAX_FRAME_BYTES = Integer.MAX_VALUE - 8;

    private final ReadableByteChannel in;
    private final FrameLimits limits;
    private final ReaderOptions readerOptions;
    private final BufferPool pool = new BufferPool();
    /** Bytes read but not yet part of a returned frame, from index 0 to position; null when none. */
    private ByteBuffer pending;

    public FrameReader(ReadableByteChannel in, FrameLimits limits) {
        this.in = in;
        this.limits = limits;
        this.readerOptions = limits.readerOptions();
    }

    BufferPool pool() {
        return pool;
    }

    public FrameLimits limits() {
        return limits;
    }

    /**
     * The next frame, or null if the stream ends cleanly before one starts.
     *
     * @throws FrameException if the frame breaks the framing or a limit, or the stream ends inside it
     * @throws IOException if reading fails
     */
    public Frame read() throws IOException {
        if (pending == null) {
            pending = pool.acquire(BufferPool.MIN_CAPACITY);
        }
        pending.limit(BufferPool.MIN_CAPACITY);
        if (!fill(WORD)) {
            if (pending.position() == 0) {
                pool.release(pending);
                pending = null;
                return null;
            }
            throw truncated(WORD, "of its segment table");
        }
        int segmentCount = segmentCount(pending.getInt(0));
        int tableBytes = tableBytes(segmentCount);
        if (!fill(tableBytes)) {
            throw truncated(tableBytes, "of its segment table");
        }
        long words = declaredWords(segmentCount);
        int frameBytes = (int) (tableBytes + words * WORD);
        ensureCapacity(frameBytes);
        // Small frames read ahead (several may arrive in one call); a large one is read exactly, or
        // the read-ahead, up to a socket buffer's worth of the next frame, would have to be copied.
        pending.limit(Math.max(frameBytes, BufferPool.MIN_CAPACITY));
        if (!fill(frameBytes)) {
            throw truncated(frameBytes, "its table declares (" + segmentCount + " segment(s), " + words + " words)");
        }
        return takeFrame(segmentCount, tableBytes, frameBytes);
    }

    private int segmentCount(int countMinusOne) throws FrameException {
        long count = (countMinusOne & 0xFFFF_FFFFL) + 1;
        if (count == 1L << 32) {
            throw new FrameException("frame declares 0 segments (count field 0xffffffff); a message has at least one");
        }
        if (count >= FrameLimits.MAX_SEGMENTS_EXCLUSIVE) {
            throw new FrameException("frame declares " + count + " segments; the limit is fewer than "
                    + FrameLimits.MAX_SEGMENTS_EXCLUSIVE);
        }
        return (int) count;
    }

    /** Count word plus one size word per segment, rounded up to whole words. */
    private static int tableBytes(int segmentCount) {
        return ((segmentCount + 2) & ~1) * 4;
    }

    private long declaredWords(int segmentCount) throws FrameException {
        long words = 0;
        for (int i = 0; i < segmentCount; i++) {
            long size = pending.getInt(4 + 4 * i) & 0xFFFF_FFFFL;
            if (i == 0 && size == 0) {
                throw new FrameException("frame's first segment is empty: no room for the root pointer");
            }
            words += size;
        }
        if (words > limits.traversalLimitWords()) {
            throw new FrameException("frame declares " + words + " words (" + words * WORD + " bytes) in "
                    + segmentCount + " segment(s), more than the traversal limit of "
                    + limits.traversalLimitWords() + " words");
        }
        if (tableBytes(segmentCount) + words * WORD > MAX_FRAME_BYTES) {
            throw new FrameException("frame declares " + words + " words, more than one buffer can hold ("
                    + MAX_FRAME_BYTES + " bytes)");
        }
        return words;
    }

    /** Reads until {@code pending} holds at least {@code bytes}; false if the stream ends first. */
    private boolean fill(int bytes) throws IOException {
        while (pending.position() < bytes) {
            if (in.read(pending) < 0) {
                return false;
            }
        }
        return true;
    }

    private void ensureCapacity(int bytes) {
        if (pending.capacity() >= bytes) {
            return;
        }
        ByteBuffer larger = pool.acquire(bytes);
        larger.put(pending.flip());
        pool.release(pending);
        pending = larger;
    }

    private Frame takeFrame(int segmentCount, int tableBytes, int frameBytes) {
        ByteBuffer buffer = pending;
        int excess = buffer.position() - frameBytes;
        if (excess > 0) {
            pending = pool.acquire(excess);
            pending.put(buffer.slice(frameBytes, excess));
        } else {
            pending = null;
        }
        ByteBuffer[] segments = new ByteBuffer[segmentCount];
        int offset = tableBytes;
        for (int i = 0; i < segmentCount; i++) {
            int size = buffer.getInt(4 + 4 * i) * WORD;
            segments[i] = buffer.slice(offset, size).order(ByteOrder.LITTLE_ENDIAN);
            offset += size;
        }
        return new Frame(pool, buffer, frameBytes, segments, new MessageReader(segments, readerOptions), limits);
    }

    private FrameException truncated(int needed, String what) {
        return new FrameException("truncated frame: the stream ended after " + pending.position() + " of the "
                + needed + " bytes " + what);
    }
}

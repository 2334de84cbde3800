package org.btcmp.ipc.capnp.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.GatheringByteChannel;
import java.util.Arrays;
import org.capnproto.MessageBuilder;

/**
 * Writes messages in Cap'n Proto's standard (unpacked) stream framing to a blocking channel.
 *
 * <p>A small message (table and segments within {@link #STAGING_BYTES}) is copied into one reused
 * direct buffer and sent with one write: cheaper than a gathering write of several small pieces, and
 * junixsocket's channels send only the first buffer of a gathering write per call. A larger message
 * goes out as a gathering write of the table and the segments themselves, without copying them.
 * Allocates nothing per message. Not thread-safe: callers serialize writes.
 */
public final class FrameWriter {
    static final int STAGING_BYTES = 64 * 1024;
    private static final int WORD = 8;

    private final GatheringByteChannel out;
    private final ByteBuffer table = ByteBuffer.allocateDirect(4 * FrameLimits.MAX_SEGMENTS_EXCLUSIVE)
            .order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGING_BYTES);
    private ByteBuffer[] gather = new ByteBuffer[8];

    public FrameWriter(GatheringByteChannel out) {
        this.out = out;
    }

    /** Writes {@code message}'s segments as one frame. */
    public void write(MessageBuilder message) throws IOException {
        write(message.getSegmentsForOutput());
    }

    /**
     * Writes one frame holding {@code segments}, each from its position to its limit; their positions
     * advance as they are written.
     *
     * @throws IllegalArgumentException before writing anything if a peer would refuse the frame: no
     *         segment, {@value FrameLimits#MAX_SEGMENTS_EXCLUSIVE} or more, or a segment that is not
     *         whole words
     */
    public void write(ByteBuffer[] segments) throws IOException {
        long frameBytes = fillTable(segments);
        if (frameBytes <= STAGING_BYTES) {
            staging.clear();
            staging.put(table);
            for (ByteBuffer segment : segments) {
                staging.put(segment);
            }
            writeFully(staging.flip());
            return;
        }
        if (gather.length < segments.length + 1) {
            gather = new ByteBuffer[Math.max(segments.length + 1, gather.length * 2)];
        }
        gather[0] = table;
        System.arraycopy(segments, 0, gather, 1, segments.length);
        try {
            writeGathered(segments.length + 1, frameBytes);
        } finally {
            Arrays.fill(gather, 0, segments.length + 1, null);
        }
    }

    /** Fills {@link #table} for {@code segments} and returns the whole frame's size in bytes. */
    private long fillTable(ByteBuffer[] segments) {
        int count = segments.length;
        if (count == 0 || count >= FrameLimits.MAX_SEGMENTS_EXCLUSIVE) {
            throw new IllegalArgumentException("cannot frame a message of " + count + " segments: a peer accepts 1 to "
                    + (FrameLimits.MAX_SEGMENTS_EXCLUSIVE - 1));
        }
        table.clear();
        table.putInt(count - 1);
        long frameBytes = 0;
        for (int i = 0; i < count; i++) {
            int bytes = segments[i].remaining();
            if (bytes % WORD != 0) {
                throw new IllegalArgumentException("segment " + i + " holds " + bytes + " bytes, not whole 8-byte words");
            }
            table.putInt(bytes / WORD);
            frameBytes += bytes;
        }
        if (count % 2 == 0) {
            table.putInt(0);
        }
        table.flip();
        return frameBytes + table.remaining();
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private void writeGathered(int buffers, long bytes) throws IOException {
        int first = 0;
        long left = bytes;
        while (left > 0) {
            left -= out.write(gather, first, buffers - first);
            while (first < buffers && !gather[first].hasRemaining()) {
                first++;
            }
        }
    }
}

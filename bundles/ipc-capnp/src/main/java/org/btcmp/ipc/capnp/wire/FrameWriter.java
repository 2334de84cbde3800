package org.btcmp.ipc.capnp.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import org.capnproto.MessageBuilder;

/**
 * Writes messages in Cap'n Proto's standard (unpacked) stream framing to a blocking channel.
 *
 * <p>The segment table and the segments are coalesced in one reused direct buffer of
 * {@value #STAGING_BYTES} bytes and written from there, so a small message costs one system call and
 * a large one a few. Two findings shaped this: junixsocket's channels send only the first buffer of a
 * gathering write, so gathering saves no system calls there; and they send a heap buffer (what
 * capnproto-java's builders allocate) through a small private direct buffer, many calls per MiB.
 * A direct segment larger than the staging room goes out as it is, uncopied. Allocates nothing per
 * message. Not thread-safe: callers serialize writes.
 */
public final class FrameWriter {
    static final int STAGING_BYTES = 128 * 1024;
    private static final int WORD = 8;

    private final WritableByteChannel out;
    private final ByteBuffer table = ByteBuffer.allocateDirect(4 * FrameLimits.MAX_SEGMENTS_EXCLUSIVE)
            .order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGING_BYTES);

    public FrameWriter(WritableByteChannel out) {
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
        fillTable(segments); // checks before anything is staged
        staging.clear();
        append(segments);
        flush();
    }

    /**
     * Writes several frames, in order, coalesced: small ones leave in one system call together.
     *
     * @throws IllegalArgumentException before writing anything if a peer would refuse one of the frames
     */
    public void writeAll(List<ByteBuffer[]> frames) throws IOException {
        for (ByteBuffer[] segments : frames) {
            fillTable(segments);
        }
        staging.clear();
        for (ByteBuffer[] segments : frames) {
            fillTable(segments);
            append(segments);
        }
        flush();
    }

    /** Stages one frame whose table {@link #fillTable} has just filled, writing out what does not fit. */
    private void append(ByteBuffer[] segments) throws IOException {
        stage(table);
        for (ByteBuffer segment : segments) {
            if (segment.isDirect() && segment.remaining() > staging.remaining()) {
                flush();
                writeFully(segment);
            } else {
                stage(segment);
            }
        }
    }

    /** Fills {@link #table} for {@code segments}, count minus one, sizes in words, padding. */
    private void fillTable(ByteBuffer[] segments) {
        int count = segments.length;
        if (count == 0 || count >= FrameLimits.MAX_SEGMENTS_EXCLUSIVE) {
            throw new IllegalArgumentException("cannot frame a message of " + count + " segments: a peer accepts 1 to "
                    + (FrameLimits.MAX_SEGMENTS_EXCLUSIVE - 1));
        }
        table.clear();
        table.putInt(count - 1);
        for (int i = 0; i < count; i++) {
            int bytes = segments[i].remaining();
            if (bytes % WORD != 0) {
                throw new IllegalArgumentException("segment " + i + " holds " + bytes + " bytes, not whole 8-byte words");
            }
            table.putInt(bytes / WORD);
        }
        if (count % 2 == 0) {
            table.putInt(0);
        }
        table.flip();
    }

    /** Copies {@code segment} into the staging buffer, writing it out whenever it fills. */
    private void stage(ByteBuffer segment) throws IOException {
        while (segment.hasRemaining()) {
            if (!staging.hasRemaining()) {
                flush();
            }
            int n = Math.min(staging.remaining(), segment.remaining());
            staging.put(staging.position(), segment, segment.position(), n);
            staging.position(staging.position() + n);
            segment.position(segment.position() + n);
        }
    }

    private void flush() throws IOException {
        writeFully(staging.flip());
        staging.clear();
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}

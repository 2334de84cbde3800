package org.btcmp.ipc.capnp.wire;

import java.nio.ByteBuffer;
import org.capnproto.MessageReader;

/**
 * One received message and the pooled buffer it lives in. Whoever receives a frame owns it and closes
 * it once nothing reads the message any more: closing hands the buffer back for the next frame, so the
 * message must not be read after that. A frame never closed is merely garbage-collected.
 */
public final class Frame implements AutoCloseable {
    private final BufferPool pool;
    private final ByteBuffer buffer;
    private final int sizeInBytes;
    private final ByteBuffer[] segments;
    private final MessageReader message;
    private final FrameLimits limits;
    private boolean closed;

    Frame(BufferPool pool, ByteBuffer buffer, int sizeInBytes, ByteBuffer[] segments, MessageReader message,
            FrameLimits limits) {
        this.limits = limits;
        this.pool = pool;
        this.buffer = buffer;
        this.sizeInBytes = sizeInBytes;
        this.segments = segments;
        this.message = message;
    }

    /** The message, read with the limits the frame was received under. */
    public MessageReader message() {
        checkOpen();
        return message;
    }

    /** The limits the frame was received under, which also bound any other walk over its message (e.g. a copy). */
    public FrameLimits limits() {
        return limits;
    }

    public int segmentCount() {
        return segments.length;
    }

    /** The frame's size on the wire: segment table, padding and segments. */
    public int sizeInBytes() {
        return sizeInBytes;
    }

    /** Read-only views of the segments, each positioned at its start; for forwarding as received. */
    public ByteBuffer[] segments() {
        checkOpen();
        ByteBuffer[] views = new ByteBuffer[segments.length];
        for (int i = 0; i < views.length; i++) {
            views[i] = segments[i].asReadOnlyBuffer().order(segments[i].order());
        }
        return views;
    }

    /**
     * Which of this frame's segments a reader of its message stands in, given that reader's buffer
     * ({@code SegmentReader.buffer}); -1 if none. Copying content out of the frame starts there.
     */
    public int segmentIndex(ByteBuffer segmentBuffer) {
        for (int i = 0; i < segments.length; i++) {
            if (segments[i] == segmentBuffer) {
                return i;
            }
        }
        return -1;
    }

    /** A read-only view of the whole frame exactly as it arrived. */
    public ByteBuffer bytes() {
        checkOpen();
        return buffer.asReadOnlyBuffer().position(0).limit(sizeInBytes);
    }

    ByteBuffer buffer() {
        return buffer;
    }

    /** Hands the buffer back to the reader's pool. Idempotent; call from any thread, but only once done reading. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        pool.release(buffer);
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("frame already closed: its buffer may hold another message now");
        }
    }
}

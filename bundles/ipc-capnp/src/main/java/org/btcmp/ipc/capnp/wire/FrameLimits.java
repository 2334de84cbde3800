package org.btcmp.ipc.capnp.wire;

import org.capnproto.ReaderOptions;

/**
 * What a received message may cost, checked as in the C++ library: the segment table and declared
 * sizes before any buffer is allocated, the traversal and nesting limits while the message is read.
 *
 * @param traversalLimitWords the most words a frame may declare, and the most words reading one
 *        message may visit (pointers visited twice count twice, so loops and amplification end)
 * @param nestingLimit how deep pointers may nest while reading
 */
public record FrameLimits(long traversalLimitWords, int nestingLimit) {

    /** A frame must declare fewer segments than this (the C++ reader refuses 512). */
    public static final int MAX_SEGMENTS_EXCLUSIVE = 512;

    /** The C++ library's defaults: 8 Mi words (64 MiB) and nesting 64. */
    public static final FrameLimits DEFAULT = new FrameLimits(8L * 1024 * 1024, 64);

    public FrameLimits {
        if (traversalLimitWords <= 0) {
            throw new IllegalArgumentException("traversal limit must be positive, got " + traversalLimitWords + " words");
        }
        if (nestingLimit <= 0) {
            throw new IllegalArgumentException("nesting limit must be positive, got " + nestingLimit);
        }
    }

    ReaderOptions readerOptions() {
        return new ReaderOptions(traversalLimitWords, nestingLimit);
    }
}

package org.btcmp.ipc.capnp.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Receive buffers that are handed back and reused, so that a steady exchange of messages allocates no
 * new buffer per message. Direct buffers, because socket reads into a heap buffer go through a
 * temporary direct buffer and a copy. Buffers may come back from any thread.
 *
 * <p>The pool keeps at most {@link #MAX_POOLED} buffers and {@link #MAX_POOLED_BYTES} in total; a
 * buffer beyond that is left to the garbage collector, so an occasional huge frame is not held forever.
 */
final class BufferPool {
    static final int MIN_CAPACITY = 8 * 1024;
    static final int MAX_POOLED = 4;
    static final int MAX_POOLED_BYTES = 4 * 1024 * 1024;

    private final ByteBuffer[] free = new ByteBuffer[MAX_POOLED];
    private int freeCount;
    private long freeBytes;
    private long bytesAllocated;

    /** A cleared little-endian buffer of at least {@code minCapacity} bytes: the smallest pooled one that fits. */
    ByteBuffer acquire(int minCapacity) {
        synchronized (this) {
            int best = -1;
            for (int i = 0; i < freeCount; i++) {
                int capacity = free[i].capacity();
                if (capacity >= minCapacity && (best < 0 || capacity < free[best].capacity())) {
                    best = i;
                }
            }
            if (best >= 0) {
                ByteBuffer buffer = free[best];
                free[best] = free[--freeCount];
                free[freeCount] = null;
                freeBytes -= buffer.capacity();
                return buffer.clear();
            }
        }
        int capacity = capacityFor(minCapacity);
        synchronized (this) {
            bytesAllocated += capacity;
        }
        return ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** All the bytes this pool has ever allocated: what a peer's frames have cost so far. */
    synchronized long bytesAllocated() {
        return bytesAllocated;
    }

    /** Takes {@code buffer} back; its contents must no longer be in use. */
    void release(ByteBuffer buffer) {
        synchronized (this) {
            if (freeCount < MAX_POOLED && freeBytes + buffer.capacity() <= MAX_POOLED_BYTES) {
                free[freeCount++] = buffer;
                freeBytes += buffer.capacity();
            }
        }
    }

    /** Rounds up to a power of two (so sizes repeat and buffers get reused), or to 8 KiB for huge ones. */
    static int capacityFor(int minCapacity) {
        if (minCapacity <= MIN_CAPACITY) {
            return MIN_CAPACITY;
        }
        if (minCapacity <= MAX_POOLED_BYTES) {
            return Integer.highestOneBit(minCapacity - 1) << 1;
        }
        long rounded = ((long) minCapacity + MIN_CAPACITY - 1) / MIN_CAPACITY * MIN_CAPACITY;
        return (int) Math.min(rounded, Integer.MAX_VALUE - 8);
    }
}

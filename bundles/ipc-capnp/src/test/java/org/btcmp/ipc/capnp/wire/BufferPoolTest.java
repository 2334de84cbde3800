package org.btcmp.ipc.capnp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

    @Test
    void capacitiesRoundUpSoThatSizesRepeat() {
        assertEquals(BufferPool.MIN_CAPACITY, BufferPool.capacityFor(1));
        assertEquals(BufferPool.MIN_CAPACITY, BufferPool.capacityFor(BufferPool.MIN_CAPACITY));
        assertEquals(16 * 1024, BufferPool.capacityFor(BufferPool.MIN_CAPACITY + 1));
        assertEquals(2 * 1024 * 1024, BufferPool.capacityFor((1 << 20) + 16));
        // beyond what is pooled: whole 8 KiB units, no doubling
        assertEquals(5 * 1024 * 1024 + 8192, BufferPool.capacityFor(5 * 1024 * 1024 + 1));
    }

    @Test
    void theSmallestFittingBufferIsReusedClearedAndLittleEndian() {
        BufferPool pool = new BufferPool();
        ByteBuffer large = pool.acquire(100_000);
        ByteBuffer small = pool.acquire(100);
        small.position(50);
        pool.release(large);
        pool.release(small);

        ByteBuffer again = pool.acquire(10);

        assertSame(small, again);
        assertEquals(0, again.position());
        assertEquals(again.capacity(), again.limit());
        assertEquals(ByteOrder.LITTLE_ENDIAN, again.order());
        assertTrue(again.isDirect());
        assertSame(large, pool.acquire(20_000));
    }

    @Test
    void thePoolKeepsABoundedNumberOfBytesAndBuffers() {
        BufferPool pool = new BufferPool();
        ByteBuffer huge = pool.acquire(BufferPool.MAX_POOLED_BYTES + 1);
        pool.release(huge);
        assertNotSame(huge, pool.acquire(BufferPool.MAX_POOLED_BYTES + 1), "a buffer above the budget is dropped");

        ByteBuffer[] many = new ByteBuffer[BufferPool.MAX_POOLED + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = pool.acquire(1);
        }
        for (ByteBuffer buffer : many) {
            pool.release(buffer);
        }
        long before = pool.bytesAllocated();
        for (int i = 0; i < many.length; i++) {
            pool.acquire(1);
        }
        assertEquals(before + BufferPool.MIN_CAPACITY, pool.bytesAllocated(),
                "only " + BufferPool.MAX_POOLED + " buffers were kept");
    }
}

package org.btcmp.ipc.capnp.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * A channel over memory: reads serve {@code input} at most {@code chunk} bytes per call (to mimic a
 * socket that delivers a frame in pieces), writes collect into {@link #written()}.
 */
final class MemoryChannel implements ReadableByteChannel, GatheringByteChannel {
    private final ByteBuffer input;
    private final int chunk;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private long bytesRead;
    private int writeCalls;

    MemoryChannel(byte[] input, int chunk) {
        this.input = ByteBuffer.wrap(input);
        this.chunk = chunk;
    }

    static MemoryChannel sink() {
        return new MemoryChannel(new byte[0], Integer.MAX_VALUE);
    }

    byte[] written() {
        return output.toByteArray();
    }

    int writeCalls() {
        return writeCalls;
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read(ByteBuffer dst) {
        if (!input.hasRemaining()) {
            return -1;
        }
        int n = Math.min(Math.min(chunk, dst.remaining()), input.remaining());
        dst.put(input.slice(input.position(), n));
        input.position(input.position() + n);
        bytesRead += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        writeCalls++;
        int n = src.remaining();
        byte[] bytes = new byte[n];
        src.get(bytes);
        output.write(bytes, 0, n);
        return n;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += write(srcs[i]);
        }
        return n;
    }

    @Override
    public long write(ByteBuffer[] srcs) {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }
}

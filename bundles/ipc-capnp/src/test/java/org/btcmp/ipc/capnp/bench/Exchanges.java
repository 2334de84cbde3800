package org.btcmp.ipc.capnp.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.FrameHandler;
import org.btcmp.ipc.capnp.wire.Frame;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.btcmp.ipc.capnp.wire.FrameReader;
import org.btcmp.ipc.capnp.wire.FrameWriter;
import org.capnproto.AnyPointer;
import org.capnproto.Data;
import org.capnproto.DefaultAllocator;
import org.capnproto.MessageBuilder;

/**
 * The measured exchanges. Each returns nanoseconds per operation (one round trip, or one 1 MiB message
 * delivered) over a fresh connected pair, after a warm-up on the same pair.
 */
public final class Exchanges {
    static final int SMALL = 8;
    public static final int MIB = 1 << 20;

    private Exchanges() {
    }

    // ---- raw bytes: the baseline ----

    public static double rawPingPong(SocketChannel[] pair, int roundTrips) throws Exception {
        Thread echo = daemon(() -> {
            ByteBuffer buffer = ByteBuffer.allocateDirect(SMALL);
            while (readFully(pair[1], buffer.clear())) {
                writeFully(pair[1], buffer.flip());
            }
        });
        ByteBuffer buffer = ByteBuffer.allocateDirect(SMALL);
        double nanos = timed(roundTrips, () -> {
            buffer.clear().putLong(0, 42);
            writeFully(pair[0], buffer);
            readFully(pair[0], buffer.clear());
        });
        SocketPairs.close(pair);
        echo.join();
        return nanos;
    }

    public static double rawOneWay(SocketChannel[] pair, int messages) throws Exception {
        ByteBuffer source = ByteBuffer.allocateDirect(MIB);
        ByteBuffer sink = ByteBuffer.allocateDirect(MIB);
        double nanos = streamed(messages, () -> {
            for (int i = 0; i < messages; i++) {
                writeFully(pair[0], source.clear());
            }
        }, () -> {
            for (int i = 0; i < messages; i++) {
                readFully(pair[1], sink.clear());
            }
        });
        SocketPairs.close(pair);
        return nanos;
    }

    // ---- framed, read and written on the calling threads ----

    static double framedPingPong(SocketChannel[] pair, int roundTrips) throws Exception {
        Thread echo = daemon(() -> {
            FrameReader reader = new FrameReader(pair[1], FrameLimits.DEFAULT);
            FrameWriter writer = new FrameWriter(pair[1]);
            for (Frame request = reader.read(); request != null; request = reader.read()) {
                try (Frame open = request) {
                    writer.write(small(payloadOf(open)));
                }
            }
        });
        FrameReader reader = new FrameReader(pair[0], FrameLimits.DEFAULT);
        FrameWriter writer = new FrameWriter(pair[0]);
        double nanos = timed(roundTrips, () -> {
            writer.write(small(42));
            try (Frame reply = reader.read()) {
                check(payloadOf(reply) == 42);
            }
        });
        SocketPairs.close(pair);
        echo.join();
        return nanos;
    }

    /**
     * Heap bytes the calling thread allocates per framed round trip: {total, of which building the
     * 8-byte message}. The rest is the framing plus capnproto-java's reader objects.
     */
    static long[] framedGarbage(SocketChannel[] pair, int roundTrips) throws Exception {
        Thread echo = daemon(() -> {
            FrameReader reader = new FrameReader(pair[1], FrameLimits.DEFAULT);
            FrameWriter writer = new FrameWriter(pair[1]);
            for (Frame request = reader.read(); request != null; request = reader.read()) {
                try (Frame open = request) {
                    writer.write(small(payloadOf(open)));
                }
            }
        });
        FrameReader reader = new FrameReader(pair[0], FrameLimits.DEFAULT);
        FrameWriter writer = new FrameWriter(pair[0]);
        Step roundTrip = () -> {
            writer.write(small(42));
            try (Frame reply = reader.read()) {
                check(payloadOf(reply) == 42);
            }
        };
        Step build = () -> check(small(42) != null);
        timed(roundTrips, roundTrip);
        timed(roundTrips, build);
        long total = allocatedPer(roundTrips, roundTrip);
        long building = allocatedPer(roundTrips, build);
        SocketPairs.close(pair);
        echo.join();
        return new long[] {total, building};
    }

    private static long allocatedPer(int times, Step step) throws Exception {
        long before = currentThreadAllocatedBytes();
        for (int i = 0; i < times; i++) {
            step.run();
        }
        return (currentThreadAllocatedBytes() - before) / times;
    }

    /** Through reflection: this module does not read jdk.management, and the benchmark runs on the class path. */
    private static long currentThreadAllocatedBytes() throws ReflectiveOperationException {
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        return (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes")
                .invoke(threads);
    }

    static double framedOneWay(SocketChannel[] pair, int messages, boolean direct) throws Exception {
        MessageBuilder message = mebibyte(direct);
        double nanos = streamed(messages, () -> {
            FrameWriter writer = new FrameWriter(pair[0]);
            for (int i = 0; i < messages; i++) {
                writer.write(message);
            }
        }, () -> {
            FrameReader reader = new FrameReader(pair[1], FrameLimits.DEFAULT);
            for (int i = 0; i < messages; i++) {
                try (Frame frame = reader.read()) {
                    check(frame.message().getRoot(AnyPointer.factory).getAs(Data.factory).size() == MIB);
                }
            }
        });
        SocketPairs.close(pair);
        return nanos;
    }

    // ---- framed, through FrameConnection's reader thread and serialized sends ----

    static double connectionPingPong(SocketChannel[] pair, int roundTrips) throws Exception {
        FrameConnection client = new FrameConnection(pair[0], "bench client", FrameLimits.DEFAULT);
        FrameConnection server = new FrameConnection(pair[1], "bench server", FrameLimits.DEFAULT);
        server.start(handler(frame -> server.send(small(payloadOf(frame)))));
        ReplySlot replies = new ReplySlot();
        client.start(handler(frame -> replies.put(payloadOf(frame))));
        double nanos = timed(roundTrips, () -> {
            client.send(small(42));
            check(replies.take() == 42);
        });
        client.close();
        server.close();
        return nanos;
    }

    static double connectionOneWay(SocketChannel[] pair, int messages, boolean direct) throws Exception {
        MessageBuilder message = mebibyte(direct);
        FrameConnection sender = new FrameConnection(pair[0], "bench sender", FrameLimits.DEFAULT);
        FrameConnection receiver = new FrameConnection(pair[1], "bench receiver", FrameLimits.DEFAULT);
        AtomicInteger received = new AtomicInteger();
        AtomicReference<CountDownLatch> done = new AtomicReference<>(new CountDownLatch(1));
        receiver.start(handler(frame -> {
            check(frame.message().getRoot(AnyPointer.factory).getAs(Data.factory).size() == MIB);
            if (received.incrementAndGet() % messages == 0) {
                done.get().countDown();
            }
        }));
        sender.start(handler(frame -> { }));
        double nanos = streamed(messages, () -> {
            for (int i = 0; i < messages; i++) {
                sender.send(message);
            }
        }, () -> {
            done.get().await();
            done.set(new CountDownLatch(1));
        });
        sender.close();
        receiver.close();
        return nanos;
    }

    // ---- helpers ----

    /** A message whose content is one 8-byte word (a struct with one data word). */
    static MessageBuilder small(long value) {
        MessageBuilder message = new MessageBuilder(4);
        message.getRoot(AnyPointer.factory).initAs(Data.factory, SMALL).asByteBuffer()
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0, value);
        return message;
    }

    static long payloadOf(Frame frame) {
        return frame.message().getRoot(AnyPointer.factory).getAs(Data.factory).asByteBuffer()
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    /** A 1 MiB Data message in one segment, on the heap (capnproto-java's default) or in direct memory. */
    static MessageBuilder mebibyte(boolean direct) {
        DefaultAllocator allocator = new DefaultAllocator(direct
                ? DefaultAllocator.ByteBufferAllocationStyle.DIRECT
                : DefaultAllocator.ByteBufferAllocationStyle.REGULAR);
        allocator.setNextAllocationSizeBytes(MIB + 64);
        MessageBuilder message = new MessageBuilder(allocator);
        ByteBuffer blob = message.getRoot(AnyPointer.factory).initAs(Data.factory, MIB).asByteBuffer();
        for (int i = 0; i < MIB; i++) {
            blob.put(i, (byte) i);
        }
        return message;
    }

    interface Step {
        void run() throws Exception;
    }

    interface FrameAction {
        void accept(Frame frame) throws Exception;
    }

    static FrameHandler handler(FrameAction action) {
        return new FrameHandler() {
            @Override
            public void onFrame(Frame frame) {
                try (frame) {
                    action.accept(frame);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void onClosed(IpcException cause) {
            }
        };
    }

    /** Runs {@code step} {@code times} times after as many warm-up runs; nanoseconds per run. */
    private static double timed(int times, Step step) throws Exception {
        for (int i = 0; i < times; i++) {
            step.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            step.run();
        }
        return (System.nanoTime() - start) / (double) times;
    }

    /** {@code send} on a second thread while {@code receive} runs here, warm-up first; nanos per message. */
    private static double streamed(int messages, Step send, Step receive) throws Exception {
        for (int round = 0; round < 2; round++) {
            Thread sender = daemon(send);
            long start = System.nanoTime();
            receive.run();
            long elapsed = System.nanoTime() - start;
            sender.join();
            if (round == 1) {
                return elapsed / (double) messages;
            }
        }
        throw new AssertionError("unreachable");
    }

    private static Thread daemon(Step body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                if (!(e instanceof java.nio.channels.ClosedChannelException) && !(e instanceof EOFException)) {
                    e.printStackTrace();
                }
            }
        }, "bench");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static boolean readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void check(boolean condition) {
        if (!condition) {
            throw new IllegalStateException("benchmark exchange returned the wrong content");
        }
    }

    /** One reply handed from the reader thread to the waiting caller, with park/unpark. */
    private static final class ReplySlot {
        private volatile Thread waiter;
        private volatile long value;
        private volatile boolean full;

        void put(long reply) {
            value = reply;
            full = true;
            LockSupport.unpark(waiter);
        }

        long take() {
            waiter = Thread.currentThread();
            while (!full) {
                LockSupport.park(this);
            }
            full = false;
            return value;
        }
    }
}

package org.btcmp.ipc.capnp.net;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.wire.Frame;
import org.capnproto.AnyPointer;
import org.capnproto.Data;
import org.capnproto.MessageBuilder;

/** Keeps the Data payload of every frame received and every end reported. */
class RecordingHandler implements FrameHandler {
    static final Duration NO_HANG = Duration.ofSeconds(30);

    final BlockingQueue<byte[]> payloads = new LinkedBlockingQueue<>();
    final List<IpcException> closes = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    static MessageBuilder message(byte[] payload) {
        MessageBuilder message = new MessageBuilder();
        ByteBuffer data = message.getRoot(AnyPointer.factory).initAs(Data.factory, payload.length).asByteBuffer();
        data.put(payload);
        return message;
    }

    @Override
    public void onFrame(Frame frame) {
        try (frame) {
            payloads.add(frame.message().getRoot(AnyPointer.factory).getAs(Data.factory).toArray());
        }
    }

    @Override
    public void onClosed(IpcException cause) {
        closes.add(cause);
        closed.countDown();
    }

    byte[] next() throws InterruptedException {
        byte[] payload = payloads.poll(NO_HANG.toSeconds(), TimeUnit.SECONDS);
        if (payload == null) {
            throw new AssertionError("no frame within " + NO_HANG);
        }
        return payload;
    }

    /** The one reported cause, after waiting for it; fails if there was none or more than one. */
    IpcException awaitCause() throws InterruptedException {
        if (!closed.await(NO_HANG.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("no end reported within " + NO_HANG);
        }
        Thread.sleep(50); // a second, wrong report would arrive about now
        if (closes.size() != 1) {
            throw new AssertionError("expected exactly one end reported, got " + closes);
        }
        return closes.get(0);
    }
}

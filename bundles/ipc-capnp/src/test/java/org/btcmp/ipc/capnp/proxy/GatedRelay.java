package org.btcmp.ipc.capnp.proxy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.FrameHandler;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.wire.Frame;
import org.btcmp.ipc.capnp.wire.FrameLimits;

/**
 * Passes frames between a client end and a server end, counting the client's; while closed, the
 * server's replies are held back (in order), so a test can see what the client sends without an answer.
 */
final class GatedRelay {
    final FrameConnection clientEnd;
    final FrameConnection serverEnd;
    private final FrameConnection towardClient;
    private final FrameConnection towardServer;
    private final List<ByteBuffer[]> held = new ArrayList<>();
    private boolean open = true;
    private int fromClient;

    GatedRelay() {
        FrameConnection[] client = UnixSockets.pair("relay-client", FrameLimits.DEFAULT);
        FrameConnection[] server = UnixSockets.pair("relay-server", FrameLimits.DEFAULT);
        clientEnd = client[0];
        towardClient = client[1];
        serverEnd = server[0];
        towardServer = server[1];
        towardClient.start(new Pass(() -> {
            synchronized (this) {
                fromClient++;
                notifyAll();
            }
            return towardServer;
        }));
        towardServer.start(new Pass(() -> {
            synchronized (this) {
                return open ? towardClient : null;
            }
        }));
    }

    synchronized void close() {
        open = false;
    }

    /** Opens the gate: the held replies go first. */
    void open() {
        synchronized (this) {
            towardClient.sendAll(held);
            held.clear();
            open = true;
        }
    }

    synchronized int framesFromClient() {
        return fromClient;
    }

    /** Waits until the client has sent {@code count} frames in all; false after {@code millis}. */
    synchronized boolean awaitFromClient(int count, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (fromClient < count) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    void shutdown() {
        towardClient.close();
        towardServer.close();
    }

    /** Copies each frame on to where {@code next} says; null: hold it back. */
    private final class Pass implements FrameHandler {
        private final java.util.function.Supplier<FrameConnection> next;

        Pass(java.util.function.Supplier<FrameConnection> next) {
            this.next = next;
        }

        @Override
        public void onFrame(Frame frame) {
            try (frame) {
                ByteBuffer[] views = frame.segments();
                ByteBuffer[] copy = new ByteBuffer[views.length];
                for (int i = 0; i < views.length; i++) {
                    copy[i] = ByteBuffer.allocate(views[i].remaining()).order(views[i].order()).put(views[i]).flip();
                }
                synchronized (GatedRelay.this) {
                    FrameConnection to = next.get();
                    if (to == null) {
                        held.add(copy);
                    } else {
                        to.send(copy);
                    }
                }
            }
        }

        @Override
        public void onClosed(IpcException cause) {
            towardClient.close();
            towardServer.close();
        }
    }
}

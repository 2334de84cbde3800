package org.btcmp.ipc.capnp.net;

import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.wire.Frame;

/** Receives what a {@link FrameConnection}'s reader thread reads, on that thread, in order. */
public interface FrameHandler {

    /**
     * One received message. The handler owns {@code frame} and closes it when done reading it (possibly
     * later, on another thread). Throwing closes the connection with the exception as the cause.
     */
    void onFrame(Frame frame);

    /**
     * The connection has ended: called exactly once, after the last {@link #onFrame}, with why it
     * ended (end of stream, protocol error, I/O failure, or a local close).
     */
    void onClosed(IpcException cause);
}

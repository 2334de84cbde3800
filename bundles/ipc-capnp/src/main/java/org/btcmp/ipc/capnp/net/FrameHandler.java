package org.btcmp.ipc.capnp.net;

import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.wire.Frame;
import org.btcmp.ipc.capnp.wire.FrameException;

/** Receives what a {@link FrameConnection}'s reader thread reads, on that thread, in order. */
public interface FrameHandler {

    /**
     * One received message. The handler owns {@code frame} and closes it when done reading it (possibly
     * later, on another thread). Throwing closes the connection with the exception as the cause.
     */
    void onFrame(Frame frame);

    /**
     * The peer broke the framing or a limit ({@code error} says how). Called on the reader thread
     * before the connection closes, while {@link FrameConnection#send} still works: the place to tell
     * the peer why, as Cap'n Proto RPC does with an Abort message. {@link #onClosed} follows.
     */
    default void onProtocolError(FrameException error) {
    }

    /**
     * The connection has ended: called exactly once, after the last {@link #onFrame}, with why it
     * ended (end of stream, protocol error, I/O failure, or a local close).
     */
    void onClosed(IpcException cause);
}

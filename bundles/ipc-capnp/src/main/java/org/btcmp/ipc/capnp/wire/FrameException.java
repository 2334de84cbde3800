package org.btcmp.ipc.capnp.wire;

import java.io.IOException;

/**
 * A received frame broke the stream framing or a limit: the message says which rule, the value seen
 * and the limit. Thrown before anything the frame declares is allocated; the stream is unusable after.
 */
public final class FrameException extends IOException {
    private static final long serialVersionUID = 1L;

    FrameException(String message) {
        super(message);
    }
}

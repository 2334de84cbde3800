package org.btcmp.node.net;

/**
 * The byte stream cannot be framed any further (wrong magic, a length over the protocol limit): Core stops
 * reading and disconnects the peer without discouraging it.
 */
public final class FramingException extends Exception {
    private static final long serialVersionUID = 1L;

    public FramingException(String message) {
        super(message);
    }
}

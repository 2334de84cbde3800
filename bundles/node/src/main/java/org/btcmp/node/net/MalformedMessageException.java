package org.btcmp.node.net;

/**
 * A payload that does not decode (truncated, non-canonical, out of range). Core catches the deserialization
 * failure, logs it and drops the message: the peer stays connected.
 */
public class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}

package org.btcmp.primitives;

/**
 * Bytes that do not decode as the structure asked for. The message names what was being read
 * and the byte offset where decoding stopped, so a caller can report a clean error.
 */
public final class DecodeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DecodeException(String message) {
        super(message);
    }

    public DecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.btcmp.launcher;

/** A deployment that cannot start; the message is the one line shown to the user. */
final class LaunchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LaunchException(String message) {
        super(message);
    }
}

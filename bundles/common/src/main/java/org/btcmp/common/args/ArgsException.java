package org.btcmp.common.args;

/** A command line or configuration file that cannot be used; the message is the line to show. */
public final class ArgsException extends Exception {
    private static final long serialVersionUID = 1L;

    public ArgsException(String message) {
        super(message);
    }
}

package org.btcmp.launcher.cli;

/** Anything that ends bitcoin-cli with {@code error: <message>} and exit code 1. */
final class CliFailure extends Exception {
    private static final long serialVersionUID = 1L;

    CliFailure(String message) {
        super(message);
    }
}

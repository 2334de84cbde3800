package org.btcmp.launcher.cli;

/** The server could not be reached (or is still warming up): what -rpcwait retries. */
final class ConnectionFailed extends Exception {
    private static final long serialVersionUID = 1L;

    ConnectionFailed(String message) {
        super(message);
    }
}

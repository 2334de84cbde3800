package org.btcmp.wallet.store;

/**
 * A wallet file that cannot be used as asked. The message names the file and the reason; a file
 * refused for any reason is left exactly as it was.
 */
public final class WalletFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the file was refused (callers map these to Core's RPC error codes). */
    public enum Reason {
        /** No wallet file where one was expected. */
        NOT_FOUND,
        /** Creating a wallet where one already exists. */
        ALREADY_EXISTS,
        /** Another connection, in this process or another, holds the file. */
        LOCKED,
        /** Not an SQLite database, or one that fails its integrity check. */
        CORRUPT,
        /** A healthy SQLite database that is not a btcmp wallet. */
        NOT_A_WALLET,
        /** Written by a newer version of this software. */
        TOO_NEW,
        /** The name or path of the wallet is not acceptable. */
        BAD_NAME,
        /** Reading or writing failed (disk full, I/O error). */
        IO
    }

    private final Reason reason;

    public WalletFileException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public WalletFileException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

package org.btcmp.common;

/** A data directory could not be locked; the message is the one line to show the user. */
public final class DataDirLockException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean heldByAnother;

    DataDirLockException(String message, boolean heldByAnother, Throwable cause) {
        super(message, cause);
        this.heldByAnother = heldByAnother;
    }

    /** True if another program (or another lock in this process) holds the lock; false if the file could not be written. */
    public boolean heldByAnother() {
        return heldByAnother;
    }
}

package org.btcmp.ipc;

/**
 * An IPC failure: no transport, nobody at the address, a disconnect, a protocol error, a dead peer.
 * Unchecked, as callers of plain Java interfaces cannot declare it. An exception thrown by the remote
 * implementation itself is not an IpcException: it is re-thrown as what it was.
 */
public class IpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IpcException(String message) {
        super(message);
    }

    public IpcException(String message, Throwable cause) {
        super(message, cause);
    }
}

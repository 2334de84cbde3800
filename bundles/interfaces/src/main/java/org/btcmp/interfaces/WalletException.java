package org.btcmp.interfaces;

/**
 * A wallet operation refused, with Core's message and the JSON-RPC error code Core gives it (e.g. -18
 * for a wallet that does not exist, -35 for one already loaded), so an RPC layer can pass both on.
 */
public final class WalletException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    public WalletException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** Core's RPC error code for this refusal. */
    public int code() {
        return code;
    }
}

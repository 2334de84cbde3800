package org.btcmp.wallet.core;

/**
 * A wallet operation refused for a reason the caller should hear, with the JSON-RPC error code Core
 * uses for it, so the RPC layer can pass both on unchanged.
 */
public final class WalletError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Core's RPC_INVALID_PARAMETER. */
    public static final int INVALID_PARAMETER = -8;
    /** Core's RPC_WALLET_ERROR. */
    public static final int WALLET_ERROR = -4;
    /** Core's RPC_INVALID_ADDRESS_OR_KEY. */
    public static final int INVALID_ADDRESS_OR_KEY = -5;
    /** Core's RPC_WALLET_KEYPOOL_RAN_OUT: no active descriptor hands out addresses of the asked type. */
    public static final int KEYPOOL_RAN_OUT = -12;
    /** Core's RPC_WALLET_UNLOCK_NEEDED. */
    public static final int UNLOCK_NEEDED = -13;
    /** Core's RPC_WALLET_PASSPHRASE_INCORRECT. */
    public static final int PASSPHRASE_INCORRECT = -14;
    /** Core's RPC_WALLET_WRONG_ENC_STATE. */
    public static final int WRONG_ENC_STATE = -15;

    private final int code;

    public WalletError(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}

package org.btcmp.wallet.rpc;

/** Core's JSON-RPC error codes (rpc/protocol.h) that the wallet's commands use. */
final class Rpc {
    static final int MISC_ERROR = -1;
    static final int TYPE_ERROR = -3;
    static final int WALLET_ERROR = -4;
    static final int INVALID_ADDRESS_OR_KEY = -5;
    static final int WALLET_INSUFFICIENT_FUNDS = -6;
    static final int INVALID_PARAMETER = -8;
    static final int WALLET_INVALID_LABEL_NAME = -11;
    static final int WALLET_UNLOCK_NEEDED = -13;
    static final int WALLET_ENCRYPTION_FAILED = -16;
    static final int WALLET_NOT_FOUND = -18;
    static final int WALLET_NOT_SPECIFIED = -19;
    static final int DESERIALIZATION_ERROR = -22;
    static final int METHOD_DEPRECATED = -32;

    private Rpc() {
    }
}

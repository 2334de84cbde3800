package org.btcmp.node.rpc;

/** An RPC error with Core's numeric code (rpc/protocol.h) and message. */
public final class RpcException extends Exception {
    private static final long serialVersionUID = 1L;

    public static final int MISC_ERROR = -1;
    public static final int TYPE_ERROR = -3;
    public static final int INVALID_ADDRESS_OR_KEY = -5;
    public static final int OUT_OF_MEMORY = -7;
    public static final int INVALID_PARAMETER = -8;
    public static final int DATABASE_ERROR = -20;
    public static final int DESERIALIZATION_ERROR = -22;
    public static final int VERIFY_ERROR = -25;
    public static final int VERIFY_REJECTED = -26;
    public static final int VERIFY_ALREADY_IN_CHAIN = -27;
    public static final int IN_WARMUP = -28;
    public static final int METHOD_DEPRECATED = -32;
    public static final int CLIENT_NOT_CONNECTED = -9;
    public static final int CLIENT_NODE_ALREADY_ADDED = -23;
    public static final int CLIENT_NODE_NOT_ADDED = -24;
    public static final int CLIENT_NODE_NOT_CONNECTED = -29;
    public static final int CLIENT_INVALID_IP_OR_SUBNET = -30;
    public static final int CLIENT_P2P_DISABLED = -31;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    public static final int PARSE_ERROR = -32700;

    private final int code;

    public RpcException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}

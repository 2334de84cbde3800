package org.btcmp.interfaces;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/** An RPC command another component adds to the node's server (Core's CRPCCommand through Chain::handleRpc). */
@ConsumerType
public interface RpcCommand {
    String name();

    String category();

    List<String> argNames();

    /**
     * Runs the command with positional JSON arguments ({@code paramsJson} is a JSON array) for the
     * request path {@code uri} ("/" or "/wallet/<name>"); returns the JSON result text. Throws
     * {@link RpcError} for a Core-style error.
     */
    String call(String paramsJson, String uri);

    /** A JSON-RPC error with Core's numeric code. */
    final class RpcError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int code;

        public RpcError(int code, String message) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}

package org.btcmp.ipc.capnp.rpc;

import org.btcmp.ipc.capnp.rpc.schema.RpcProtocol;

/**
 * A Cap'n Proto exception: a call failed on the other side (or was refused here) with a type and a
 * reason. A server method's Java exception arrives as type FAILED with "JavaTypeName: message".
 * Losing the connection is not this but an {@link org.btcmp.ipc.IpcException}.
 */
public final class RpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The protocol's exception types, in their wire order. */
    public enum Type {
        FAILED, OVERLOADED, DISCONNECTED, UNIMPLEMENTED
    }

    private final Type type;
    private final String reason;

    public RpcException(Type type, String reason) {
        super(type.name().toLowerCase(java.util.Locale.ROOT) + ": " + reason);
        this.type = type;
        this.reason = reason;
    }

    public Type type() {
        return type;
    }

    public String reason() {
        return reason;
    }

    /** What a server method's failure looks like to the caller. */
    static RpcException fromServerFailure(Throwable failure) {
        if (failure instanceof RpcException rpc) {
            return rpc;
        }
        String message = failure.getMessage();
        return new RpcException(Type.FAILED, failure.getClass().getName() + (message == null ? "" : ": " + message));
    }

    static RpcException read(RpcProtocol.Exception.Reader exception) {
        Type type = switch (exception.getType()) {
            case OVERLOADED -> Type.OVERLOADED;
            case DISCONNECTED -> Type.DISCONNECTED;
            case UNIMPLEMENTED -> Type.UNIMPLEMENTED;
            default -> Type.FAILED;
        };
        return new RpcException(type, exception.hasReason() ? exception.getReason().toString() : "");
    }

    void write(RpcProtocol.Exception.Builder exception) {
        exception.setReason(reason);
        exception.setType(switch (type) {
            case FAILED -> RpcProtocol.Exception.Type.FAILED;
            case OVERLOADED -> RpcProtocol.Exception.Type.OVERLOADED;
            case DISCONNECTED -> RpcProtocol.Exception.Type.DISCONNECTED;
            case UNIMPLEMENTED -> RpcProtocol.Exception.Type.UNIMPLEMENTED;
        });
    }
}

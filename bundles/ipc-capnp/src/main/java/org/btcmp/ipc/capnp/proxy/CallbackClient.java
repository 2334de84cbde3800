package org.btcmp.ipc.capnp.proxy;

import org.btcmp.ipc.capnp.rpc.Capability;
import org.btcmp.ipc.capnp.rpc.RawStruct;

/**
 * Calls a remote callback interface for a Java function made by {@link FunctionCodecs}: the proxy client
 * of one use. The function holds it; when the function becomes unreachable the capability's Cleaner
 * releases the remote object.
 */
final class CallbackClient extends ProxyClient {
    private final FunctionCodecs.Callback callback;

    CallbackClient(ProxyConnection connection, Capability cap, FunctionCodecs.Callback callback) {
        super(connection, cap, callback.interfaceId());
        this.callback = callback;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Object invoke(Object... args) {
        Codec[] codecs = callback.args();
        if (args.length != codecs.length) {
            throw new IllegalArgumentException(args.length + " arguments for a callback of " + codecs.length);
        }
        try (ClientCall call = call(callback.callOrdinal(), callback.paramWords(), callback.paramPointers(),
                callback.contextOffset())) {
            for (int i = 0; i < codecs.length; i++) {
                codecs[i].set(call.params(), callback.argOffsets()[i], args[i], call.paramSide());
            }
            RawStruct.Reader results = call.send();
            return callback.result() == null ? null
                    : callback.result().get(results, callback.resultOffset(), call.resultSide());
        }
    }
}

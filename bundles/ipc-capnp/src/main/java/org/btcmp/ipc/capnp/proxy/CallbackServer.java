package org.btcmp.ipc.capnp.proxy;

import org.btcmp.ipc.capnp.rpc.RawStruct;

/** Serves a local Java function as a callback interface ({@link FunctionCodecs}): the proxy server of one use. */
final class CallbackServer<F> extends ProxyServer<F> {
    private final FunctionCodecs.Callback callback;
    private final FunctionCodecs.Adapter<F> adapter;

    CallbackServer(ProxyConnection connection, F function, boolean owned, FunctionCodecs.Callback callback,
            FunctionCodecs.Adapter<F> adapter) {
        super(connection, function, owned, callback.interfaceId());
        this.callback = callback;
        this.adapter = adapter;
    }

    @Override
    protected int contextOffset(int methodId) {
        if (methodId == callback.callOrdinal()) {
            return callback.contextOffset();
        }
        return methodId == callback.destroyOrdinal() ? 0 : -1;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected void serve(int methodId, ServerCall call) throws Exception {
        if (methodId == callback.destroyOrdinal()) {
            destroy();
            call.initResults(0, 0);
            return;
        }
        if (methodId != callback.callOrdinal()) {
            throw org.btcmp.ipc.capnp.rpc.Server.unimplemented(callback.interfaceId(), (short) methodId);
        }
        Codec[] codecs = callback.args();
        Object[] args = new Object[codecs.length];
        for (int i = 0; i < codecs.length; i++) {
            args[i] = codecs[i].get(call.params(), callback.argOffsets()[i], call.paramSide());
        }
        Object result = adapter.call(impl, args);
        RawStruct.Builder results = call.initResults(callback.resultWords(), callback.resultPointers());
        if (callback.result() != null) {
            ((Codec) callback.result()).set(results, callback.resultOffset(), result, call.resultSide());
        }
    }
}

package org.btcmp.ipc.capnp.rpc;

import static org.btcmp.ipc.capnp.rpc.RpcTestSchema.CALL;
import static org.btcmp.ipc.capnp.rpc.RpcTestSchema.CALLBACK;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Callback whose call(text, calc) answers "java:" + text + "/" + calc.echo("nested"): a call back
 * into the caller's process while the caller's own call is still running.
 */
final class JavaCallback implements Server {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger released = new AtomicInteger();

    @Override
    public void dispatch(long interfaceId, short methodId, CallContext context) {
        if (interfaceId != CALLBACK || methodId != CALL) {
            throw Server.unimplemented(interfaceId, methodId);
        }
        calls.incrementAndGet();
        RawStruct.Reader params = context.paramsStruct();
        String nested;
        try (Capability calc = context.paramCap(params.getCap(1))) {
            nested = calc == null ? "no calc" : Calls.echo(calc, "nested");
        }
        context.initResults(0, 1).setText(0, "java:" + params.getText(0) + "/" + nested);
    }

    @Override
    public void released() {
        released.incrementAndGet();
    }
}

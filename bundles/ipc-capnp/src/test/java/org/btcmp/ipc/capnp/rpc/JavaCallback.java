package org.btcmp.ipc.capnp.rpc;

import static org.btcmp.ipc.capnp.rpc.RpcTestSchema.CALL;

import java.util.concurrent.atomic.AtomicInteger;
import org.btcmp.ipc.capnp.rpc.Rpctest.Callback;

/**
 * A Callback whose call(text, calc) answers "java:" + text + "/" + calc.echo("nested"): a call back
 * into the caller's process while the caller's own call is still running.
 */
final class JavaCallback implements Server {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger released = new AtomicInteger();

    @Override
    public void dispatch(long interfaceId, short methodId, CallContext context) {
        if (interfaceId != Callback.TYPE_ID || methodId != CALL) {
            throw Server.unimplemented(interfaceId, methodId);
        }
        calls.incrementAndGet();
        Callback.CallParams.Reader params = context.params().getAs(Callback.CallParams.factory);
        String nested;
        try (Capability calc = context.paramCap(params.getCalc())) {
            nested = calc == null ? "no calc" : Calls.echo(calc, "nested");
        }
        context.results().initAs(Callback.CallResults.factory).setText("java:" + params.getText() + "/" + nested);
    }

    @Override
    public void released() {
        released.incrementAndGet();
    }
}

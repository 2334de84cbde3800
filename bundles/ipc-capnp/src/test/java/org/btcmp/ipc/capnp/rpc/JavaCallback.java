package org.btcmp.ipc.capnp.rpc;

import java.util.concurrent.atomic.AtomicInteger;
import org.btcmp.ipc.capnp.rpc.Rpctest.Calc;
import org.btcmp.ipc.capnp.rpc.Rpctest.Callback;

/**
 * A Callback whose call(text, calc) answers "java:" + text + "/" + calc.echo("nested"): a call back
 * into the caller's process while the caller's own call is still running.
 */
final class JavaCallback extends Callback.Server {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger released = new AtomicInteger();

    @Override
    protected void call(Callback.CallContext context) {
        calls.incrementAndGet();
        String nested;
        try (Calc.Client calc = context.getCalc()) {
            nested = calc == null ? "no calc" : Calls.echo(calc, "nested");
        }
        context.results().setText("java:" + context.params().getText() + "/" + nested);
    }

    @Override
    public void released() {
        released.incrementAndGet();
    }
}

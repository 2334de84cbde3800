package org.btcmp.ipc.capnp.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.btcmp.ipc.capnp.rpc.Rpctest.Calc;
import org.btcmp.ipc.capnp.rpc.Rpctest.Callback;

/**
 * A Callback whose call(text, calc) answers "java:" + text + "/" + calc.echo("nested"): a call back
 * into the caller's process while the caller's own call is still running. gather(items) echoes each
 * item's name through its calc and hands the items (capabilities and all) back.
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
    protected void gather(Callback.GatherContext context) {
        var items = context.params().getItems();
        var returned = context.results().initItems(items.size());
        List<String> echoes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Rpctest.Item.Reader item = items.get(i);
            Capability cap = context.paramCap(item.getCalc());
            try (Calc.Client calc = cap == null ? null : new Calc.Client(cap)) {
                echoes.add(calc == null ? "no calc" : Calls.echo(calc, item.getName().toString()));
                returned.get(i).setName(item.getName());
                returned.get(i).setCalc(context.addResultCap(calc));
            }
        }
        context.results().setText(String.join(",", echoes));
    }

    @Override
    public void released() {
        released.incrementAndGet();
    }
}

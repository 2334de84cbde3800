package org.btcmp.ipc.capnp.rpc;

import static org.btcmp.ipc.capnp.rpc.RpcTestSchema.CALL;
import static org.btcmp.ipc.capnp.rpc.RpcTestSchema.CALLBACK;
import static org.btcmp.ipc.capnp.rpc.RpcTestSchema.GATHER;

import java.util.ArrayList;
import java.util.List;
import org.capnproto.AnyPointer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Callback whose call(text, calc) answers "java:" + text + "/" + calc.echo("nested"): a call back
 * into the caller's process while the caller's own call is still running. gather(items) echoes each
 * item's name through its calc and hands the items (capabilities and all) back.
 */
final class JavaCallback implements Server {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger released = new AtomicInteger();

    @Override
    public void dispatch(long interfaceId, short methodId, CallContext context) {
        if (interfaceId == CALLBACK && methodId == GATHER) {
            gather(context);
            return;
        }
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

    private static void gather(CallContext context) {
        AnyPointer.Reader items = context.paramsStruct().pointer(0);
        List<String> echoes = new ArrayList<>();
        for (RawStruct.Reader item : Calls.items(items)) {
            try (Capability calc = context.paramCap(item.getCap(1))) {
                echoes.add(Calls.echo(calc, item.getText(0)));
            }
        }
        RawStruct.Builder results = context.initResults(0, 2);
        context.copyParamsToResults(items, results.pointer(0));
        results.setText(1, String.join(",", echoes));
    }

    @Override
    public void released() {
        released.incrementAndGet();
    }
}

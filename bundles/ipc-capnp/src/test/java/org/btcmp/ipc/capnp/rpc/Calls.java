package org.btcmp.ipc.capnp.rpc;

import org.btcmp.ipc.capnp.rpc.Rpctest.Calc;
import org.btcmp.ipc.capnp.rpc.Rpctest.Callback;
import org.btcmp.ipc.capnp.rpc.Rpctest.Counter;

/**
 * Calls on the test interfaces through the untyped runtime, with the params and results structs mpgen
 * generates for rpctest.capnp's methods.
 */
final class Calls {
    private Calls() {
    }

    static String echo(Capability calc, String text) {
        Request request = calc.newCall(Calc.TYPE_ID, RpcTestSchema.ECHO);
        request.params().initAs(Calc.EchoParams.factory).setText(text);
        try (Response response = request.send().join()) {
            return response.content().getAs(Calc.EchoResults.factory).getText().toString();
        }
    }

    static long add(Capability calc, long a, long b) {
        Request request = calc.newCall(Calc.TYPE_ID, RpcTestSchema.ADD);
        Calc.AddParams.Builder params = request.params().initAs(Calc.AddParams.factory);
        params.setA(a);
        params.setB(b);
        try (Response response = request.send().join()) {
            return response.content().getAs(Calc.AddResults.factory).getSum();
        }
    }

    static RemotePromise counter(Capability calc, long start, int delayMs) {
        Request request = calc.newCall(Calc.TYPE_ID, RpcTestSchema.COUNTER_METHOD);
        Calc.CounterParams.Builder params = request.params().initAs(Calc.CounterParams.factory);
        params.setStart(start);
        params.setDelayMs(delayMs);
        return request.send();
    }

    static RemotePromise next(Capability counter) {
        Request request = counter.newCall(Counter.TYPE_ID, RpcTestSchema.NEXT);
        request.params().initAs(Counter.NextParams.factory);
        return request.send();
    }

    static RemotePromise value(Capability counter) {
        Request request = counter.newCall(Counter.TYPE_ID, RpcTestSchema.VALUE);
        request.params().initAs(Counter.ValueParams.factory);
        return request.send();
    }

    static String callBack(Capability calc, Capability callback, String text) {
        Request request = calc.newCall(Calc.TYPE_ID, RpcTestSchema.CALL_BACK);
        Calc.CallBackParams.Builder params = request.params().initAs(Calc.CallBackParams.factory);
        params.setCallback(request.addCap(callback));
        params.setText(text);
        try (Response response = request.send().join()) {
            return response.content().getAs(Calc.CallBackResults.factory).getText().toString();
        }
    }

    static void fail(Capability calc, String reason) {
        Request request = calc.newCall(Calc.TYPE_ID, RpcTestSchema.FAIL);
        request.params().initAs(Calc.FailParams.factory).setReason(reason);
        request.send().join().close();
    }

    static void hold(Capability calc, Capability callback) {
        Request request = calc.newCall(Calc.TYPE_ID, RpcTestSchema.HOLD);
        request.params().initAs(Calc.HoldParams.factory).setCallback(request.addCap(callback));
        request.send().join().close();
    }

    static void dropHeld(Capability calc) {
        Request request = calc.newCall(Calc.TYPE_ID, RpcTestSchema.DROP_HELD);
        request.params().initAs(Calc.DropHeldParams.factory);
        request.send().join().close();
    }

    static RemotePromise sleep(Capability calc, int ms) {
        Request request = calc.newCall(Calc.TYPE_ID, RpcTestSchema.SLEEP);
        request.params().initAs(Calc.SleepParams.factory).setMs(ms);
        return request.send();
    }

    static long size(Capability calc, byte[] data) {
        Request request = calc.newCall(Calc.TYPE_ID, RpcTestSchema.SIZE);
        request.params().initAs(Calc.SizeParams.factory).initData(data.length).asByteBuffer().put(data);
        try (Response response = request.send().join()) {
            return response.content().getAs(Calc.SizeResults.factory).getSize();
        }
    }

    static long liveCounters(Capability calc) {
        Request request = calc.newCall(Calc.TYPE_ID, RpcTestSchema.LIVE_COUNTERS);
        request.params().initAs(Calc.LiveCountersParams.factory);
        try (Response response = request.send().join()) {
            return response.content().getAs(Calc.LiveCountersResults.factory).getCount();
        }
    }

    /** Calls a Callback: call(text, calc) -> text. */
    static String call(Capability callback, String text, Capability calc) {
        Request request = callback.newCall(Callback.TYPE_ID, RpcTestSchema.CALL);
        Callback.CallParams.Builder params = request.params().initAs(Callback.CallParams.factory);
        params.setText(text);
        params.setCalc(request.addCap(calc));
        try (Response response = request.send().join()) {
            return response.content().getAs(Callback.CallResults.factory).getText().toString();
        }
    }
}

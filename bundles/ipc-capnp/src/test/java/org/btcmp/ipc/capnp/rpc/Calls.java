package org.btcmp.ipc.capnp.rpc;

import java.util.List;
import org.btcmp.ipc.capnp.rpc.Rpctest.Calc;
import org.btcmp.ipc.capnp.rpc.Rpctest.Callback;
import org.btcmp.ipc.capnp.rpc.Rpctest.Counter;

/** One-line calls of the test interfaces through the typed clients mpgen generates for rpctest.capnp. */
final class Calls {
    private Calls() {
    }

    static String echo(Calc.Client calc, String text) {
        var request = calc.echoRequest();
        request.params().setText(text);
        try (Calc.EchoResponse response = request.send().join()) {
            return response.results().getText().toString();
        }
    }

    static String tail(Calc.Client calc, String text) {
        var request = calc.tailRequest();
        request.params().setText(text);
        try (Calc.TailResponse response = request.send().join()) {
            return response.results().getText().toString();
        }
    }

    static String tail(Calc.Client calc, Calc.Client via, String text) {
        var request = calc.tailRequest();
        request.params().setCalc(request.addCap(via));
        request.params().setText(text);
        try (Calc.TailResponse response = request.send().join()) {
            return response.results().getText().toString();
        }
    }

    static long add(Calc.Client calc, long a, long b) {
        var request = calc.addRequest();
        request.params().setA(a);
        request.params().setB(b);
        try (Calc.AddResponse response = request.send().join()) {
            return response.results().getSum();
        }
    }

    static Calc.CounterPromise counter(Calc.Client calc, long start, int delayMs) {
        var request = calc.counterRequest();
        request.params().setStart(start);
        request.params().setDelayMs(delayMs);
        return request.send();
    }

    static long value(Counter.Client counter) {
        try (Counter.ValueResponse response = counter.valueRequest().send().join()) {
            return response.results().getValue();
        }
    }

    static String callBack(Calc.Client calc, Callback.Client callback, String text) {
        var request = calc.callBackRequest();
        request.params().setCallback(request.addCap(callback));
        request.params().setText(text);
        try (Calc.CallBackResponse response = request.send().join()) {
            return response.results().getText().toString();
        }
    }

    static void fail(Calc.Client calc, String reason) {
        var request = calc.failRequest();
        request.params().setReason(reason);
        request.send().join().close();
    }

    static void hold(Calc.Client calc, Callback.Client callback) {
        var request = calc.holdRequest();
        request.params().setCallback(request.addCap(callback));
        request.send().join().close();
    }

    static void dropHeld(Calc.Client calc) {
        calc.dropHeldRequest().send().join().close();
    }

    static Calc.SleepPromise sleep(Calc.Client calc, int ms) {
        var request = calc.sleepRequest();
        request.params().setMs(ms);
        return request.send();
    }

    static long size(Calc.Client calc, byte[] data) {
        var request = calc.sizeRequest();
        request.params().initData(data.length).asByteBuffer().put(data);
        try (Calc.SizeResponse response = request.send().join()) {
            return response.results().getSize();
        }
    }

    /** Starts Calc.size(data). */
    static Calc.SizePromise sizeAsync(Calc.Client calc, byte[] data) {
        var request = calc.sizeRequest();
        request.params().initData(data.length).asByteBuffer().put(data);
        return request.send();
    }

    static long liveCounters(Calc.Client calc) {
        try (Calc.LiveCountersResponse response = calc.liveCountersRequest().send().join()) {
            return response.results().getCount();
        }
    }

    /** Calls a Callback: call(text, calc) -> text. */
    static String call(Callback.Client callback, String text, Calc.Client calc) {
        var request = callback.callRequest();
        request.params().setText(text);
        request.params().setCalc(request.addCap(calc));
        try (Callback.CallResponse response = request.send().join()) {
            return response.results().getText().toString();
        }
    }

    /** Starts Callback.call(text, no calc). */
    static Callback.CallPromise callText(Callback.Client callback, String text) {
        var request = callback.callRequest();
        request.params().setText(text);
        return request.send();
    }

    /** Starts Callback.gather(items): item i is names[i] and calcs[i] (which may be null). */
    static Callback.GatherPromise gather(Callback.Client callback, List<String> names, List<Calc.Client> calcs) {
        var request = callback.gatherRequest();
        var items = request.params().initItems(names.size());
        for (int i = 0; i < names.size(); i++) {
            items.get(i).setName(names.get(i));
            items.get(i).setCalc(request.addCap(calcs.get(i)));
        }
        return request.send();
    }

    /** The calc of an Item in {@code response}'s results (null if none), as a client for the caller to close. */
    static Calc.Client itemCalc(Response response, Rpctest.Item.Reader item) {
        Capability cap = response.cap(item.getCalc());
        return cap == null ? null : new Calc.Client(cap);
    }
}

package org.btcmp.ipc.capnp.rpc;

import static org.btcmp.ipc.capnp.rpc.RpcTestSchema.*;

import java.util.ArrayList;
import java.util.List;
import org.capnproto.AnyPointer;
import org.capnproto.StructList;

/** Typed helpers over the test interfaces: what a generated client would do, written by hand. */
final class Calls {
    private Calls() {
    }

    static String echo(Capability calc, String text) {
        Request request = calc.newCall(CALC, ECHO);
        request.initParams(0, 1).setText(0, text);
        try (Response response = request.send().join()) {
            return response.struct().getText(0);
        }
    }

    static long add(Capability calc, long a, long b) {
        Request request = calc.newCall(CALC, ADD);
        RawStruct.Builder params = request.initParams(2, 0);
        params.setLong(0, a);
        params.setLong(1, b);
        try (Response response = request.send().join()) {
            return response.struct().getLong(0);
        }
    }

    static RemotePromise counter(Capability calc, long start, int delayMs) {
        Request request = calc.newCall(CALC, COUNTER_METHOD);
        RawStruct.Builder params = request.initParams(2, 0);
        params.setLong(0, start);
        params.setInt(2, delayMs);
        return request.send();
    }

    static RemotePromise next(Capability counter) {
        Request request = counter.newCall(COUNTER, NEXT);
        request.initParams(0, 0);
        return request.send();
    }

    static RemotePromise value(Capability counter) {
        Request request = counter.newCall(COUNTER, VALUE);
        request.initParams(0, 0);
        return request.send();
    }

    static String callBack(Capability calc, Capability callback, String text) {
        Request request = calc.newCall(CALC, CALL_BACK);
        RawStruct.Builder params = request.initParams(0, 2);
        params.setCap(0, request.addCap(callback));
        params.setText(1, text);
        try (Response response = request.send().join()) {
            return response.struct().getText(0);
        }
    }

    static void fail(Capability calc, String reason) {
        Request request = calc.newCall(CALC, FAIL);
        request.initParams(0, 1).setText(0, reason);
        request.send().join().close();
    }

    static void hold(Capability calc, Capability callback) {
        Request request = calc.newCall(CALC, HOLD);
        RawStruct.Builder params = request.initParams(0, 1);
        params.setCap(0, request.addCap(callback));
        request.send().join().close();
    }

    static void dropHeld(Capability calc) {
        Request request = calc.newCall(CALC, DROP_HELD);
        request.initParams(0, 0);
        request.send().join().close();
    }

    static RemotePromise sleep(Capability calc, int ms) {
        Request request = calc.newCall(CALC, SLEEP);
        request.initParams(1, 0).setInt(0, ms);
        return request.send();
    }

    static long size(Capability calc, byte[] data) {
        Request request = calc.newCall(CALC, SIZE);
        request.initParams(0, 1).initData(0, data.length).asByteBuffer().put(data);
        try (Response response = request.send().join()) {
            return response.struct().getLong(0);
        }
    }

    /** Starts Calc.size(data). */
    static RemotePromise sizeAsync(Capability calc, byte[] data) {
        Request request = calc.newCall(CALC, SIZE);
        request.initParams(0, 1).initData(0, data.length).asByteBuffer().put(data);
        return request.send();
    }

    static long liveCounters(Capability calc) {
        Request request = calc.newCall(CALC, LIVE_COUNTERS);
        request.initParams(0, 0);
        try (Response response = request.send().join()) {
            return response.struct().getLong(0);
        }
    }

    /** Calls a Callback: call(text, calc) -> text. */
    static String call(Capability callback, String text, Capability calc) {
        Request request = callback.newCall(CALLBACK, CALL);
        RawStruct.Builder params = request.initParams(0, 2);
        params.setText(0, text);
        params.setCap(1, request.addCap(calc));
        try (Response response = request.send().join()) {
            return response.struct().getText(0);
        }
    }

    /** Starts Callback.call(text, no calc). */
    static RemotePromise callText(Capability callback, String text) {
        Request request = callback.newCall(CALLBACK, CALL);
        request.initParams(0, 2).setText(0, text);
        return request.send();
    }

    /** Starts Callback.gather(items): each item is a name and a Calc (which may be null). */
    static RemotePromise gather(Capability callback, List<String> names, List<Capability> calcs) {
        Request request = callback.newCall(CALLBACK, GATHER);
        StructList.Builder<RawStruct.Builder> items = request.initParams(0, 1).pointer(0)
                .initAs(new StructList.Factory<>(RawStruct.factory(0, ITEM_POINTERS)), names.size());
        for (int i = 0; i < names.size(); i++) {
            items.get(i).setText(0, names.get(i));
            items.get(i).setCap(1, request.addCap(calcs.get(i)));
        }
        return request.send();
    }

    /** The structs of a List(struct) pointer. */
    static List<RawStruct.Reader> items(AnyPointer.Reader list) {
        StructList.Reader<RawStruct.Reader> reader = list.getAs(new StructList.Factory<>(RawStruct.ANY));
        List<RawStruct.Reader> items = new ArrayList<>();
        for (int i = 0; i < reader.size(); i++) {
            items.add(reader.get(i));
        }
        return items;
    }
}

package org.btcmp.ipc.capnp.proxy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.btcmp.ipc.capnp.rpc.CapPointer;
import org.btcmp.ipc.capnp.rpc.RawStruct;
import org.capnproto.AnyPointer;
import org.capnproto.PointerList;

/**
 * The function type hook (Core's type-function.h, where a std::function travels as a ProxyCallback): a
 * functional interface such as {@code Consumer<String>} or {@code Runnable} as a capability of a schema
 * interface whose one method (besides {@code destroy}) is the function's. No proxy class exists per
 * functional type: mpgen describes the call ({@link Callback}) and gives two lambdas, one making the
 * Java function that calls a remote one ({@link Invoker}), one calling a local function with the
 * received arguments ({@link Adapter}). Calls run on mapped threads like any other: a callback made
 * while the receiver serves a call runs on the caller's own thread.
 */
public final class FunctionCodecs {
    /** Functions made here for remote callbacks, so that one sent back travels as the original capability. */
    private static final Map<Object, CallbackClient> REMOTE = Collections.synchronizedMap(new WeakHashMap<>());

    private FunctionCodecs() {
    }

    /** Calls the remote function with these arguments; returns its result (null for none). */
    @FunctionalInterface
    public interface Invoker {
        Object invoke(Object... args);
    }

    /** Calls {@code function} with the received {@code args}; returns its result (null for none). */
    @FunctionalInterface
    public interface Adapter<F> {
        Object call(F function, Object[] args) throws Exception;
    }

    /**
     * One callback interface as mpgen laid it out: the method's ordinal, its params (size, Context pointer,
     * each argument's codec and offset) and results (size, the codec and offset of {@code result}, or a
     * null codec for none); {@code destroyOrdinal} is -1 if the interface has no destroy.
     */
    public record Callback(long interfaceId, int callOrdinal, int destroyOrdinal, int paramWords, int paramPointers,
            int contextOffset, Codec<?>[] args, int[] argOffsets, int resultWords, int resultPointers,
            Codec<?> result, int resultOffset) {
    }

    /** The codec of functional type {@code F} travelling as {@code callback}. */
    public static <F> Codec<F> callback(Class<?> type, Callback callback, Function<Invoker, F> remote, Adapter<F> local) {
        return new Codec<>() {
            @Override
            public void set(RawStruct.Builder s, int offset, F v, Side side) {
                s.setCap(offset, write(v, side));
            }

            @Override
            public F get(RawStruct.Reader s, int offset, Side side) {
                return read(s.getCap(offset), side);
            }

            @Override
            public void setList(AnyPointer.Builder p, List<F> values, Side side) {
                PointerList.Builder<CapPointer.Slot> list = p.initAs(CapPointer.LIST, values.size());
                for (int i = 0; i < values.size(); i++) {
                    if (values.get(i) != null) {
                        list.get(i).set(write(values.get(i), side));
                    }
                }
            }

            @Override
            public List<F> getList(AnyPointer.Reader p, Side side) {
                PointerList.Reader<CapPointer.Slot> list = p.getAs(CapPointer.LIST);
                List<F> out = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    out.add(read(list.get(i).index(), side));
                }
                return out;
            }

            private int write(F v, Side side) {
                return side.writeCallback(v, REMOTE.get(v), connection -> new CallbackServer<>(connection, v,
                        side.ownedByReceiver(), callback, local));
            }

            private F read(int index, Side side) {
                return side.readCallback(type, index, client -> {
                    F function = remote.apply(client::invoke);
                    REMOTE.put(function, client);
                    return function;
                }, callback);
            }
        };
    }
}

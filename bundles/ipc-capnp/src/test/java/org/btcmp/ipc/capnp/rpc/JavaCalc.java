package org.btcmp.ipc.capnp.rpc;

import static org.btcmp.ipc.capnp.rpc.RpcTestSchema.*;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The Java implementation of rpctest.capnp's Calc (and its Counter), the twin of the C++ test server's. */
final class JavaCalc implements Server {
    final AtomicInteger liveCounters = new AtomicInteger();
    final AtomicInteger canceledSleeps = new AtomicInteger();
    final AtomicReference<Capability> held = new AtomicReference<>();
    final AtomicInteger released = new AtomicInteger();

    @Override
    public void dispatch(long interfaceId, short methodId, CallContext context) throws Exception {
        if (interfaceId != CALC) {
            throw Server.unimplemented(interfaceId, methodId);
        }
        RawStruct.Reader params = context.paramsStruct();
        switch (methodId) {
            case ECHO -> context.initResults(0, 1).setText(0, params.getText(0));
            case ADD -> context.initResults(1, 0).setLong(0, params.getLong(0) + params.getLong(1));
            case COUNTER_METHOD -> {
                Thread.sleep(params.getInt(2));
                try (Capability counter = Capability.of(new Counter(params.getLong(0)))) {
                    RawStruct.Builder results = context.initResults(0, 1);
                    results.setCap(0, context.addResultCap(counter));
                }
            }
            case CALL_BACK -> {
                try (Capability callback = context.paramCap(params.getCap(0));
                        Capability calc = Capability.of(new JavaCalc())) {
                    String answer = Calls.call(callback, params.getText(1), calc);
                    context.initResults(0, 1).setText(0, answer);
                }
            }
            case FAIL -> throw new IllegalStateException(params.getText(0));
            case HOLD -> {
                Capability previous = held.getAndSet(context.paramCap(params.getCap(0)));
                if (previous != null) {
                    previous.close();
                }
            }
            case DROP_HELD -> {
                Capability previous = held.getAndSet(null);
                if (previous != null) {
                    previous.close();
                }
            }
            case SLEEP -> {
                long end = System.nanoTime() + params.getInt(0) * 1_000_000L;
                while (System.nanoTime() < end) {
                    if (context.isCanceled()) {
                        canceledSleeps.incrementAndGet();
                        return;
                    }
                    Thread.sleep(5);
                }
            }
            case SIZE -> context.initResults(1, 0).setLong(0, params.getData(0).size());
            case LIVE_COUNTERS -> context.initResults(1, 0).setLong(0, liveCounters.get());
            case IDENTITY -> {
                try (Capability callback = context.paramCap(params.getCap(0))) {
                    context.initResults(0, 1).setCap(0, context.addResultCap(callback));
                }
            }
            default -> throw Server.unimplemented(interfaceId, methodId);
        }
    }

    @Override
    public boolean dispatchesWithoutBlocking(long interfaceId, short methodId) {
        return switch (methodId) {
            case COUNTER_METHOD, CALL_BACK, SLEEP -> false; // these sleep or wait for a callback
            default -> true;
        };
    }

    @Override
    public void released() {
        released.incrementAndGet();
    }

    final class Counter implements Server {
        private final long value;

        Counter(long value) {
            this.value = value;
            liveCounters.incrementAndGet();
        }

        @Override
        public void dispatch(long interfaceId, short methodId, CallContext context) {
            if (interfaceId != COUNTER) {
                throw Server.unimplemented(interfaceId, methodId);
            }
            switch (methodId) {
                case NEXT -> {
                    try (Capability next = Capability.of(new Counter(value + 1))) {
                        context.initResults(0, 1).setCap(0, context.addResultCap(next));
                    }
                }
                case VALUE -> context.initResults(1, 0).setLong(0, value);
                default -> throw Server.unimplemented(interfaceId, methodId);
            }
        }

        @Override
        public boolean dispatchesWithoutBlocking(long interfaceId, short methodId) {
            return true;
        }

        @Override
        public void released() {
            liveCounters.decrementAndGet();
        }
    }
}

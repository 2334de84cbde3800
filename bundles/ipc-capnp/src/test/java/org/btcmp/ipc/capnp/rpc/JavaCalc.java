package org.btcmp.ipc.capnp.rpc;

import static org.btcmp.ipc.capnp.rpc.RpcTestSchema.*;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.btcmp.ipc.capnp.rpc.Rpctest.Calc;
import org.btcmp.ipc.capnp.rpc.Rpctest.Counter;

/** The Java implementation of rpctest.capnp's Calc (and its Counter), the twin of the C++ test server's. */
final class JavaCalc implements Server {
    final AtomicInteger liveCounters = new AtomicInteger();
    final AtomicInteger canceledSleeps = new AtomicInteger();
    final AtomicReference<Capability> held = new AtomicReference<>();
    final AtomicInteger released = new AtomicInteger();

    @Override
    public void dispatch(long interfaceId, short methodId, CallContext context) throws Exception {
        if (interfaceId != Calc.TYPE_ID) {
            throw Server.unimplemented(interfaceId, methodId);
        }
        switch (methodId) {
            case ECHO -> context.results().initAs(Calc.EchoResults.factory)
                    .setText(context.params().getAs(Calc.EchoParams.factory).getText());
            case ADD -> {
                Calc.AddParams.Reader params = context.params().getAs(Calc.AddParams.factory);
                context.results().initAs(Calc.AddResults.factory).setSum(params.getA() + params.getB());
            }
            case COUNTER_METHOD -> {
                Calc.CounterParams.Reader params = context.params().getAs(Calc.CounterParams.factory);
                Thread.sleep(params.getDelayMs());
                try (Capability counter = Capability.of(new JavaCounter(params.getStart()))) {
                    context.results().initAs(Calc.CounterResults.factory).setCounter(context.addResultCap(counter));
                }
            }
            case CALL_BACK -> {
                Calc.CallBackParams.Reader params = context.params().getAs(Calc.CallBackParams.factory);
                try (Capability callback = context.paramCap(params.getCallback());
                        Capability calc = Capability.of(new JavaCalc())) {
                    String answer = Calls.call(callback, params.getText().toString(), calc);
                    context.results().initAs(Calc.CallBackResults.factory).setText(answer);
                }
            }
            case FAIL -> throw new IllegalStateException(
                    context.params().getAs(Calc.FailParams.factory).getReason().toString());
            case HOLD -> {
                int index = context.params().getAs(Calc.HoldParams.factory).getCallback();
                Capability previous = held.getAndSet(context.paramCap(index));
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
                long end = System.nanoTime() + context.params().getAs(Calc.SleepParams.factory).getMs() * 1_000_000L;
                while (System.nanoTime() < end) {
                    if (context.isCanceled()) {
                        canceledSleeps.incrementAndGet();
                        return;
                    }
                    Thread.sleep(5);
                }
            }
            case SIZE -> context.results().initAs(Calc.SizeResults.factory)
                    .setSize(context.params().getAs(Calc.SizeParams.factory).getData().size());
            case LIVE_COUNTERS -> context.results().initAs(Calc.LiveCountersResults.factory).setCount(liveCounters.get());
            case IDENTITY -> {
                int index = context.params().getAs(Calc.IdentityParams.factory).getCallback();
                try (Capability callback = context.paramCap(index)) {
                    context.results().initAs(Calc.IdentityResults.factory).setCallback(context.addResultCap(callback));
                }
            }
            default -> throw Server.unimplemented(interfaceId, methodId);
        }
    }

    @Override
    public void released() {
        released.incrementAndGet();
    }

    final class JavaCounter implements Server {
        private final long value;

        JavaCounter(long value) {
            this.value = value;
            liveCounters.incrementAndGet();
        }

        @Override
        public void dispatch(long interfaceId, short methodId, CallContext context) {
            if (interfaceId != Counter.TYPE_ID) {
                throw Server.unimplemented(interfaceId, methodId);
            }
            switch (methodId) {
                case NEXT -> {
                    try (Capability next = Capability.of(new JavaCounter(value + 1))) {
                        context.results().initAs(Counter.NextResults.factory).setCounter(context.addResultCap(next));
                    }
                }
                case VALUE -> context.results().initAs(Counter.ValueResults.factory).setValue(value);
                default -> throw Server.unimplemented(interfaceId, methodId);
            }
        }

        @Override
        public void released() {
            liveCounters.decrementAndGet();
        }
    }
}

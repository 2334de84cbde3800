package org.btcmp.ipc.capnp.rpc;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.btcmp.ipc.capnp.rpc.Rpctest.Calc;
import org.btcmp.ipc.capnp.rpc.Rpctest.Callback;
import org.btcmp.ipc.capnp.rpc.Rpctest.Counter;
import org.btcmp.ipc.capnp.rpc.Rpctest.Doubler;

/**
 * The Java implementation of rpctest.capnp's Calc (and its Counter) on the generated server bases, the
 * twin of the C++ test server's. later() is left unimplemented: only the C++ server has it.
 */
final class JavaCalc extends Calc.Server {
    final AtomicInteger liveCounters = new AtomicInteger();
    final AtomicInteger canceledSleeps = new AtomicInteger();
    final AtomicReference<Callback.Client> held = new AtomicReference<>();
    final AtomicInteger released = new AtomicInteger();

    @Override
    protected void echo(Calc.EchoContext context) {
        context.results().setText(context.params().getText());
    }

    @Override
    protected void add(Calc.AddContext context) {
        context.results().setSum(context.params().getA() + context.params().getB());
    }

    @Override
    protected void counter(Calc.CounterContext context) throws InterruptedException {
        Thread.sleep(context.params().getDelayMs());
        try (Counter.Client counter = Counter.Client.of(new JavaCounter(context.params().getStart()))) {
            context.setCounter(counter);
        }
    }

    @Override
    protected void callBack(Calc.CallBackContext context) {
        try (Callback.Client callback = context.getCallback(); Calc.Client calc = Calc.Client.of(new JavaCalc())) {
            context.results().setText(Calls.call(callback, context.params().getText().toString(), calc));
        }
    }

    @Override
    protected void fail(Calc.FailContext context) {
        throw new IllegalStateException(context.params().getReason().toString());
    }

    @Override
    protected void hold(Calc.HoldContext context) {
        Callback.Client previous = held.getAndSet(context.getCallback());
        if (previous != null) {
            previous.close();
        }
    }

    @Override
    protected void dropHeld(Calc.DropHeldContext context) {
        Callback.Client previous = held.getAndSet(null);
        if (previous != null) {
            previous.close();
        }
    }

    @Override
    protected void sleep(Calc.SleepContext context) throws InterruptedException {
        long end = System.nanoTime() + context.params().getMs() * 1_000_000L;
        while (System.nanoTime() < end) {
            if (context.isCanceled()) {
                canceledSleeps.incrementAndGet();
                return;
            }
            Thread.sleep(5);
        }
    }

    @Override
    protected void size(Calc.SizeContext context) {
        context.results().setSize(context.params().getData().size());
    }

    @Override
    protected void liveCounters(Calc.LiveCountersContext context) {
        context.results().setCount(liveCounters.get());
    }

    /** Params and results are both (callback): the params are copied over whole, their capability included. */
    @Override
    protected void identity(Calc.IdentityContext context) {
        CallContext call = context.untyped();
        call.copyParamsToResults(call.params(), call.results());
    }

    @Override
    protected void doubler(Calc.DoublerContext context) {
        try (Doubler.Client doubler = Doubler.Client.of(new JavaDoubler(context.params().getStart()))) {
            context.setDoubler(doubler);
        }
    }

    /** Asks the counter, which may be the pipelined result of a call of the caller's still running here. */
    @Override
    protected void valueOf(Calc.ValueOfContext context) {
        try (Counter.Client counter = context.getCounter()) {
            context.results().setValue(Calls.value(counter));
        }
    }

    /** Answers "java:" + text (Java makes no tail calls: a calc given is called like any other). */
    @Override
    protected void tail(Calc.TailContext context) {
        try (Calc.Client calc = context.getCalc()) {
            String text = context.params().getText().toString();
            context.results().setText(calc == null ? "java:" + text : Calls.tail(calc, text));
        }
    }

    @Override
    public boolean dispatchesWithoutBlocking(long interfaceId, short methodId) {
        return switch (methodId) {
            // these sleep or wait for a callback or an answer
            case Calc.COUNTER_METHOD, Calc.CALL_BACK_METHOD, Calc.SLEEP_METHOD, Calc.VALUE_OF_METHOD, Calc.TAIL_METHOD -> false;
            default -> true;
        };
    }

    @Override
    public void released() {
        released.incrementAndGet();
    }

    /** A Doubler: its own method and the two it inherits from Counter. */
    final class JavaDoubler extends Doubler.Server {
        private final long start;

        JavaDoubler(long start) {
            this.start = start;
        }

        @Override
        protected void twice(Doubler.TwiceContext context) {
            context.results().setX2(2 * context.params().getX());
        }

        @Override
        protected void next(Counter.NextContext context) {
            try (Counter.Client next = Counter.Client.of(new JavaCounter(start + 1))) {
                context.setCounter(next);
            }
        }

        @Override
        protected void value(Counter.ValueContext context) {
            context.results().setValue(start);
        }

        @Override
        public boolean dispatchesWithoutBlocking(long interfaceId, short methodId) {
            return true;
        }
    }

    final class JavaCounter extends Counter.Server {
        private final long value;

        JavaCounter(long value) {
            this.value = value;
            liveCounters.incrementAndGet();
        }

        @Override
        protected void next(Counter.NextContext context) {
            try (Counter.Client next = Counter.Client.of(new JavaCounter(value + 1))) {
                context.setCounter(next);
            }
        }

        @Override
        protected void value(Counter.ValueContext context) {
            context.results().setValue(value);
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

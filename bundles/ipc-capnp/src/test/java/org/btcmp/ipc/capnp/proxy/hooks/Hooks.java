package org.btcmp.ipc.capnp.proxy.hooks;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** One method per type hook family (as libmultiprocess's foo.capnp): the cross-JVM round trips of every hook. */
public interface Hooks extends AutoCloseable {
    enum Color { RED, DARK_GREEN, BLUE }

    record Point(int x, int y) {
    }

    /** Every automatic hook in one record. */
    record Everything(boolean flag, byte i8, short i16, char letter, int i32, long i64, float f32, double f64,
            String text, byte[] bytes, Color color, List<Integer> ints, Set<String> names, Map<String, Long> totals,
            Optional<String> nickname, OptionalLong big, List<Point> points) {
    }

    /** A callback: a functional interface travels as a capability the peer calls. */
    @FunctionalInterface
    interface Progress {
        void step(int done, int total);
    }

    Everything roundTrip(Everything value);

    Color next(Color color);

    /** Output parameters through holders: the head of {@code text}, its length, whether it was empty, a total. */
    void split(String text, AtomicReference<String> head, AtomicInteger length, AtomicBoolean empty, AtomicLong total);

    int sum(Collection<Integer> values);

    OptionalDouble ratio(double a, double b);

    List<String> upper(List<String> words);

    /** Calls {@code progress} {@code steps} times during the call. */
    void work(int steps, Progress progress);

    /** Keeps {@code progress} and calls it later, from another thread, when {@link #fire} is called. */
    void keep(Progress progress);

    int fire(int total);

    /** Calls {@code consumer} with each value, in order, during the call. */
    void each(List<String> values, Consumer<String> consumer);

    List<String> map(List<Integer> values, Function<Integer, String> function);

    /** {@code supplier}'s value with "!" appended. */
    String supply(Supplier<String> supplier);

    /** Runs {@code task} {@code times} times; returns how many runs completed (an exception stops it and travels on). */
    int repeat(Runnable task, int times);

    /** Calls step(i, n) on each listener, then returns them reversed followed by a listener of the peer's. */
    List<Progress> relay(List<Progress> listeners);

    List<List<Integer>> transpose(List<List<Integer>> rows);

    /** Runs each task (a null one is skipped); returns how many ran. */
    int runAll(List<Runnable> tasks);

    @Override
    void close();
}

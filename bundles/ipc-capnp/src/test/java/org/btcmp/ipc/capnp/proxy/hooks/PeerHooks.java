package org.btcmp.ipc.capnp.proxy.hooks;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** The peer's Hooks: answers that show each value arrived intact. */
public final class PeerHooks implements Hooks {
    private final List<Progress> kept = new CopyOnWriteArrayList<>();

    @Override
    public Everything roundTrip(Everything value) {
        return value;
    }

    @Override
    public Color next(Color color) {
        return Color.values()[(color.ordinal() + 1) % Color.values().length];
    }

    @Override
    public void split(String text, AtomicReference<String> head, AtomicInteger length, AtomicBoolean empty, AtomicLong total) {
        head.set(text.isEmpty() ? "" : text.substring(0, 1));
        length.set(text.length());
        empty.set(text.isEmpty());
        total.set(text.chars().asLongStream().sum());
    }

    @Override
    public int sum(Collection<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public OptionalDouble ratio(double a, double b) {
        return b == 0 ? OptionalDouble.empty() : OptionalDouble.of(a / b);
    }

    @Override
    public List<String> upper(List<String> words) {
        return words.stream().map(w -> w.toUpperCase(Locale.ROOT)).toList();
    }

    @Override
    public void work(int steps, Progress progress) {
        for (int i = 1; i <= steps; i++) {
            progress.step(i, steps);
        }
    }

    @Override
    public void keep(Progress progress) {
        kept.add(progress);
    }

    @Override
    public int fire(int total) {
        Thread later = new Thread(() -> kept.forEach(p -> p.step(total, total)), "hooks-later");
        later.start();
        try {
            later.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return kept.size();
    }

    @Override
    public void each(List<String> values, Consumer<String> consumer) {
        values.forEach(consumer);
    }

    @Override
    public List<String> map(List<Integer> values, Function<Integer, String> function) {
        return values.stream().map(function).toList();
    }

    @Override
    public String supply(Supplier<String> supplier) {
        return supplier.get() + "!";
    }

    @Override
    public int repeat(Runnable task, int times) {
        for (int i = 0; i < times; i++) {
            task.run();
        }
        return times;
    }

    @Override
    public List<Progress> relay(List<Progress> listeners) {
        List<Progress> back = new java.util.ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).step(i, listeners.size());
            back.add(0, listeners.get(i));
        }
        back.add((done, total) -> org.btcmp.ipc.capnp.proxy.PeerMain.emit("EVENT relayed " + done + "/" + total));
        return back;
    }

    @Override
    public List<List<Integer>> transpose(List<List<Integer>> rows) {
        List<List<Integer>> columns = new java.util.ArrayList<>();
        for (int c = 0; !rows.isEmpty() && c < rows.get(0).size(); c++) {
            List<Integer> column = new java.util.ArrayList<>();
            for (List<Integer> row : rows) {
                column.add(row.get(c));
            }
            columns.add(column);
        }
        return columns;
    }

    @Override
    public int runAll(List<Runnable> tasks) {
        int ran = 0;
        for (Runnable task : tasks) {
            if (task != null) {
                task.run();
                ran++;
            }
        }
        return ran;
    }

    @Override
    public void close() {
        org.btcmp.ipc.capnp.proxy.PeerMain.emit("EVENT hooks-closed");
    }
}

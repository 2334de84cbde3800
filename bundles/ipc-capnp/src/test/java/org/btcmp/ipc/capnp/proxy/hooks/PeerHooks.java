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
    public void close() {
        org.btcmp.ipc.capnp.proxy.PeerMain.emit("EVENT hooks-closed");
    }
}

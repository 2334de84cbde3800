package org.btcmp.gui.view;

import java.awt.Component;
import java.awt.Container;
import java.awt.Window;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Assertions;

/** Test helpers: read and act on the event thread, find components by name, wait with a no-hang bound. */
final class Edt {
    static final long NO_HANG_MILLIS = 60_000;

    private Edt() {
    }

    static <T> T get(Callable<T> call) {
        if (SwingUtilities.isEventDispatchThread()) {
            try {
                return call.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Exception> error = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> {
                try {
                    out.set(call.call());
                } catch (Exception e) {
                    error.set(e);
                }
            });
        } catch (InterruptedException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
        if (error.get() != null) {
            throw new IllegalStateException(error.get());
        }
        return out.get();
    }

    static void run(Runnable r) {
        get(() -> {
            r.run();
            return null;
        });
    }

    /** Waits (polling on the event thread) until {@code condition} holds; fails with {@code what} after the bound. */
    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + NO_HANG_MILLIS;
        while (!get(condition::getAsBoolean)) {
            if (System.currentTimeMillis() > deadline) {
                Assertions.fail("timed out waiting for " + what);
            }
            Thread.sleep(25);
        }
    }

    @SuppressWarnings("unchecked")
    static <T extends Component> T find(Container root, String name, Class<T> type) {
        List<Component> all = new ArrayList<>();
        collect(root, all);
        for (Component c : all) {
            if (name.equals(c.getName()) && type.isInstance(c)) {
                return (T) c;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " named " + name);
    }

    /** The first visible window whose title is {@code title}, or null. */
    static Window window(String title) {
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && w instanceof java.awt.Dialog d && title.equals(d.getTitle())) {
                return w;
            }
        }
        return null;
    }

    static <T extends Component> List<T> all(Container root, Class<T> type) {
        List<Component> found = new ArrayList<>();
        collect(root, found);
        return found.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static void collect(Component c, List<Component> out) {
        out.add(c);
        if (c instanceof javax.swing.JMenu m) {
            for (Component item : m.getMenuComponents()) {
                collect(item, out);
            }
        }
        if (c instanceof Container k) {
            for (Component child : k.getComponents()) {
                collect(child, out);
            }
        }
    }
}

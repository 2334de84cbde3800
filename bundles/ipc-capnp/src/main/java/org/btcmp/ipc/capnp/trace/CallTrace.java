package org.btcmp.ipc.capnp.trace;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * {@code -debug=ipc}: one line per IPC call, on each side (interface, method, thread, duration), as
 * Core's IPC logging writes to debug.log. Generated proxies call {@link #start} before a call and
 * {@link #client} or {@link #server} after it. The lines go to every registered sink (the process's
 * debug log, which drops them while its ipc category is off); with no sink a call costs one volatile
 * read.
 */
public final class CallTrace {
    private static final Set<Consumer<String>> SINKS = new CopyOnWriteArraySet<>();
    private static volatile boolean active;

    private CallTrace() {
    }

    /** Adds a receiver of IPC call lines. */
    public static void addSink(Consumer<String> sink) {
        SINKS.add(sink);
        active = true;
    }

    public static void removeSink(Consumer<String> sink) {
        SINKS.remove(sink);
        active = !SINKS.isEmpty();
    }

    /** The start time of a call to trace, or 0 while nobody listens. */
    public static long start() {
        return active ? System.nanoTime() : 0;
    }

    /** A call this process made on a remote object, begun at {@code start}. */
    public static void client(long start, String iface, String method) {
        if (start != 0) {
            emit("client", start, iface, method);
        }
    }

    /** A call this process served for a peer, begun at {@code start}. */
    public static void server(long start, String iface, String method) {
        if (start != 0) {
            emit("server", start, iface, method);
        }
    }

    private static void emit(String side, long start, String iface, String method) {
        double millis = (System.nanoTime() - start) / 1e6;
        String line = String.format(Locale.ROOT, "IPC %s %s.%s thread=%s %.3f ms", side, iface, method,
                Thread.currentThread().getName(), millis);
        for (Consumer<String> sink : SINKS) {
            sink.accept(line);
        }
    }
}

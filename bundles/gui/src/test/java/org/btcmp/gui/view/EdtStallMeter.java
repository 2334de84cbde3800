package org.btcmp.gui.view;

import java.awt.AWTEvent;
import java.awt.EventQueue;
import java.awt.Toolkit;

/**
 * Times every event the Swing event thread dispatches (an EventQueue pushed on the system queue): the
 * longest one is the longest time the GUI could not react to the person. An event that opens a modal
 * dialog dispatches the dialog's events inside its own dispatch, and waits there for the person: such an
 * event is not counted (its nested events are, one by one).
 */
final class EdtStallMeter extends EventQueue {
    private static final CpuClock CPU = CpuClock.find();
    private volatile long longestNanos;
    private volatile long longestCpuNanos; // the event thread's CPU time during that longest event
    private volatile long mostCpuNanos; // the most CPU time any one event used (its own work, not waiting for a core)
    private volatile String longestEvent = "";
    private volatile long events; // top-level events dispatched since the reset
    private final java.util.Map<String, Long> kinds = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long cpuNanos; // the event thread's CPU time in them

    static EdtStallMeter install() {
        EdtStallMeter meter = new EdtStallMeter();
        Toolkit.getDefaultToolkit().getSystemEventQueue().push(meter);
        return meter;
    }

    private final java.util.ArrayDeque<long[]> nested = new java.util.ArrayDeque<>(); // event thread only

    @Override
    protected void dispatchEvent(AWTEvent event) {
        long start = System.nanoTime();
        long cpuStart = CPU.now();
        long[] frame = {0, 0};
        nested.push(frame);
        try {
            super.dispatchEvent(event);
        } finally {
            nested.pop();
            long total = System.nanoTime() - start;
            long cpu = CPU.now() - cpuStart;
            if (!nested.isEmpty()) {
                nested.peek()[0] += total;
                nested.peek()[1] += cpu;
            }
            long took = total - frame[0];
            if (frame[0] == 0 && took > longestNanos) {
                longestNanos = took;
                longestCpuNanos = cpu - frame[1];
                longestEvent = describe(event);
            }
            if (frame[0] == 0 && cpu - frame[1] > mostCpuNanos) {
                mostCpuNanos = cpu - frame[1];
            }
            if (nested.isEmpty()) {
                events++;
                cpuNanos += cpu;
                kinds.merge(describe(event), 1L, Long::sum);
            }
        }
    }

    /** The event's kind and, for an invocation, the class whose code ran (RepaintManager: painting). */
    private static String describe(AWTEvent event) {
        String p = event.paramString();
        int r = p.indexOf("runnable=");
        if (r >= 0) {
            String what = p.substring(r + "runnable=".length());
            int end = what.indexOf(',');
            what = end > 0 ? what.substring(0, end) : what;
            return "invocation of " + what.replaceAll("\\$\\$Lambda.*", " (lambda)").replaceAll("@[0-9a-f]+$", "");
        }
        return p.contains(",") ? p.substring(0, p.indexOf(',')) : p;
    }

    /** Starts a new measurement window. */
    void reset() {
        longestNanos = 0;
        longestCpuNanos = 0;
        mostCpuNanos = 0;
        events = 0;
        cpuNanos = 0;
        kinds.clear();
        longestEvent = "";
    }

    double longestMillis() {
        return longestNanos / 1e6;
    }

    String longestEvent() {
        return longestEvent;
    }

    /** The event thread's CPU time during the longest event (the rest of its wall time it waited for a core). */
    double longestCpuMillis() {
        return longestCpuNanos / 1e6;
    }

    /** Events dispatched since the reset (nested ones inside a modal dialog's loop included in theirs). */
    long events() {
        return events;
    }

    /** The most frequent kinds of event since the reset, with their counts. */
    String commonest(int n) {
        return kinds.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining("; "));
    }

    /** The event thread's CPU time since the reset. */
    double cpuMillis() {
        return cpuNanos / 1e6;
    }

    /** The most CPU time one event used. */
    double mostCpuMillis() {
        return mostCpuNanos / 1e6;
    }

    /**
     * The current thread's CPU time, through java.management when the JVM has it (the benchmark runs on the class
     * path); reflective, since the gui module does not read java.management. Without it, 0.
     */
    private record CpuClock(java.lang.reflect.Method method, Object bean) {
        static CpuClock find() {
            try {
                Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
                java.lang.reflect.Method m = Class.forName("java.lang.management.ThreadMXBean").getMethod("getCurrentThreadCpuTime");
                m.invoke(bean);
                return new CpuClock(m, bean);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return new CpuClock(null, null);
            }
        }

        long now() {
            try {
                return method == null ? 0 : (long) method.invoke(bean);
            } catch (ReflectiveOperationException e) {
                return 0;
            }
        }
    }
}

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
    private volatile long longestNanos;
    private volatile String longestEvent = "";

    static EdtStallMeter install() {
        EdtStallMeter meter = new EdtStallMeter();
        Toolkit.getDefaultToolkit().getSystemEventQueue().push(meter);
        return meter;
    }

    private final java.util.ArrayDeque<long[]> nested = new java.util.ArrayDeque<>(); // event thread only

    @Override
    protected void dispatchEvent(AWTEvent event) {
        long start = System.nanoTime();
        long[] frame = {0};
        nested.push(frame);
        try {
            super.dispatchEvent(event);
        } finally {
            nested.pop();
            long total = System.nanoTime() - start;
            if (!nested.isEmpty()) {
                nested.peek()[0] += total;
            }
            long took = total - frame[0];
            if (frame[0] == 0 && took > longestNanos) {
                longestNanos = took;
                longestEvent = describe(event);
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
        longestEvent = "";
    }

    double longestMillis() {
        return longestNanos / 1e6;
    }

    String longestEvent() {
        return longestEvent;
    }
}

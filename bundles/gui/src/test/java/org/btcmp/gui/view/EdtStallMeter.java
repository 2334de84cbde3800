package org.btcmp.gui.view;

import java.awt.AWTEvent;
import java.awt.EventQueue;
import java.awt.Toolkit;

/**
 * Times every event the Swing event thread dispatches (an EventQueue pushed on the system queue): the
 * longest one is the longest time the GUI could not react to the person.
 */
final class EdtStallMeter extends EventQueue {
    private volatile long longestNanos;
    private volatile String longestEvent = "";

    static EdtStallMeter install() {
        EdtStallMeter meter = new EdtStallMeter();
        Toolkit.getDefaultToolkit().getSystemEventQueue().push(meter);
        return meter;
    }

    @Override
    protected void dispatchEvent(AWTEvent event) {
        long start = System.nanoTime();
        try {
            super.dispatchEvent(event);
        } finally {
            long took = System.nanoTime() - start;
            if (took > longestNanos) {
                longestNanos = took;
                longestEvent = event.paramString() + " " + event.getSource().getClass().getSimpleName();
            }
        }
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

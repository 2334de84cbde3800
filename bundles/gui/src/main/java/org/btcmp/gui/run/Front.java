package org.btcmp.gui.run;

/** What the person (or a test driving the process) sees of the node: a window, or lines on stdout. */
interface Front extends AutoCloseable {

    /** The node is reachable through {@code link} (first or again). Called off the event thread. */
    void connected(NodeLink link);

    /** The node went away; {@code why} says how. What was shown stays until {@link #connected} again. */
    void disconnected(String why);

    /** Releases everything shown; after it nothing more is shown. */
    @Override
    void close();

}

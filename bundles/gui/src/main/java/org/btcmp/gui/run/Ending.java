package org.btcmp.gui.run;

/** How the GUI ends its process: cleanly (exit 0), or with one line of error (exit 1). */
interface Ending {
    void shutdown();

    void fail(String message);
}

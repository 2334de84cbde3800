package org.btcmp.gui.run;

import java.io.PrintStream;
import org.btcmp.interfaces.BlockRef;
import org.btcmp.interfaces.Handler;
import org.btcmp.ipc.IpcException;

/**
 * The GUI without a window (-headless): one line on stdout per change, for servers without a display and
 * for process tests. The lines: {@code connected <where>}, {@code tip <height> <hash>} (from the node's
 * block-tip notification, and once on each connection), {@code disconnected <why>}.
 */
final class HeadlessFront implements Front {
    private final PrintStream out;
    private Handler tips; // guarded by this
    private BlockRef shown; // guarded by this
    private boolean closed; // guarded by this

    HeadlessFront(PrintStream out) {
        this.out = out;
    }

    @Override
    public void connected(NodeLink link) {
        Handler handler;
        try {
            line("connected " + link.where());
            handler = link.node().handleNotifyBlockTip(this::tip);
            tip(link.node().getTip());
        } catch (IpcException e) {
            return; // gone again at once: the connection's end is reported as it happens
        }
        synchronized (this) {
            if (tips != null) {
                tips.disconnect();
            }
            tips = handler;
            if (closed) {
                handler.disconnect();
            }
        }
    }

    private void tip(BlockRef tip) {
        synchronized (this) {
            if (tip.equals(shown)) {
                return; // the notification and the first read may both bring it
            }
            shown = tip;
        }
        line("tip " + tip.height() + " " + tip.hash());
    }

    @Override
    public void disconnected(String why) {
        synchronized (this) {
            tips = null; // died with the connection
        }
        line("disconnected " + why);
    }

    private synchronized void line(String text) {
        if (!closed) {
            out.println(text);
            out.flush();
        }
    }

    @Override
    public void close() {
        Handler handler;
        synchronized (this) {
            closed = true;
            handler = tips;
            tips = null;
        }
        if (handler != null) {
            try {
                handler.disconnect();
            } catch (IpcException e) {
                // the node is gone already
            }
        }
    }
}

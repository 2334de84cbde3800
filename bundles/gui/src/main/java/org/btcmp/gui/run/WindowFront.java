package org.btcmp.gui.run;

import org.btcmp.gui.BitcoinGui;
import org.btcmp.interfaces.WalletLoader;

/**
 * The desktop window, over the node's Node and the wallets the node reaches ({@code Node.walletLoader()}: in
 * bitcoin-qt the in-process wallets, in bitcoin-gui every wallet process of that bitcoin-node). While the node is gone the window stays, and its own status line shows the calls
 * failing; a node that comes back is a new Node (its notifications registered anew), so the window is
 * opened again on it.
 */
final class WindowFront implements Front {
    private final boolean dark;
    private final Runnable onQuit;
    private BitcoinGui gui; // guarded by this
    private boolean closed; // guarded by this

    WindowFront(boolean dark, Runnable onQuit) {
        this.dark = dark;
        this.onQuit = onQuit;
    }

    @Override
    public void connected(NodeLink link) {
        WalletLoader loader = link.node().walletLoader(); // every wallet process's wallets, through the node
        BitcoinGui old;
        synchronized (this) {
            if (closed) {
                return;
            }
            old = gui;
            gui = null;
        }
        if (old != null) {
            old.close();
        }
        BitcoinGui opened = BitcoinGui.open(link.node(), loader, dark, this::quit);
        synchronized (this) {
            if (!closed) {
                gui = opened;
                return;
            }
        }
        opened.close();
    }

    /** The person quit: the window is gone already. */
    private void quit() {
        synchronized (this) {
            closed = true;
            gui = null;
        }
        onQuit.run();
    }

    @Override
    public void disconnected(String why) {
        // the window's status line shows it: its calls fail until the node is back
    }

    @Override
    public void close() {
        BitcoinGui open;
        synchronized (this) {
            closed = true;
            open = gui;
            gui = null;
        }
        if (open != null) {
            open.close();
        }
    }
}

package org.btcmp.gui;

import java.time.ZoneId;
import javax.swing.JFrame;
import org.btcmp.gui.view.GuiSession;
import org.btcmp.interfaces.Node;
import org.btcmp.interfaces.WalletLoader;

/**
 * The desktop GUI (Core's bitcoin-qt) over a {@link Node} and a {@link WalletLoader}: the executable
 * (monolithic or bitcoin-gui over node.sock) hands it both and gets a window; nothing here knows
 * whether they live in this process.
 */
public final class BitcoinGui implements AutoCloseable {
    private final GuiSession session;

    private BitcoinGui(GuiSession session) {
        this.session = session;
    }

    /**
     * Opens the main window (from any thread); {@code onExit} runs when the person quits (File, Quit,
     * Ctrl+Q or closing the window), after the windows are gone.
     */
    public static BitcoinGui open(Node node, WalletLoader loader, boolean dark, Runnable onExit) {
        return new BitcoinGui(GuiSession.open(node, loader, dark, ZoneId.systemDefault(), onExit));
    }

    public JFrame frame() {
        return session.frame();
    }

    /** Closes the windows and releases the notifications and worker threads. */
    @Override
    public void close() {
        session.close();
    }
}

package org.btcmp.gui.view;

import java.lang.reflect.InvocationTargetException;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JFrame;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;
import org.btcmp.gui.model.BtcAmount;
import org.btcmp.interfaces.Node;
import org.btcmp.interfaces.WalletLoader;

/** One open GUI: its window, model and worker threads; {@link #close} releases all three. */
public final class GuiSession implements AutoCloseable {
    private final MainWindow window;
    private final WalletModel model;
    private final Background background;

    private GuiSession(MainWindow window, WalletModel model, Background background) {
        this.window = window;
        this.model = model;
        this.background = background;
    }

    /**
     * Builds the window on the event thread (waiting for it), shows it, and starts loading; the
     * window is usable before the first reply arrives.
     */
    public static GuiSession open(Node node, WalletLoader loader, boolean dark, ZoneId zone, Runnable onExit) {
        AtomicReference<GuiSession> made = new AtomicReference<>();
        onEdtAndWait(() -> made.set(build(node, loader, dark, zone, onExit, null, true)));
        return made.get();
    }

    /**
     * As {@link #open}, on the event thread already, with a chosen send confirmation (null: the dialog), shown
     * or not (tests).
     */
    static GuiSession build(Node node, WalletLoader loader, boolean dark, ZoneId zone, Runnable onExit,
            SendPanel.Confirmation confirmation, boolean show) {
        Theme.apply(dark);
        Background background = new Background();
        WalletModel model = new WalletModel(node, loader, background);
        AtomicReference<GuiSession> self = new AtomicReference<>();
        AtomicReference<MainWindow> frame = new AtomicReference<>();
        SendPanel.Confirmation confirm = confirmation != null ? confirmation
                : (address, sats, fee) -> confirmDialog(frame.get(), address, sats, fee);
        MainWindow window = new MainWindow(model, zone, confirm, () -> {
            onExit.run();
            if (self.get() != null) {
                self.get().release();
            }
        });
        frame.set(window);
        GuiSession session = new GuiSession(window, model, background);
        self.set(session);
        if (show) {
            window.setLocationByPlatform(true);
            window.setVisible(true);
        }
        model.start();
        return session;
    }

    /** The standard confirmation: amount, address, the fee and the total, Send or Cancel. */
    static boolean confirmDialog(java.awt.Component owner, String address, long satoshis, SendPanel.Quote quote) {
        Object[] options = {"Send", "Cancel"};
        int answer = JOptionPane.showOptionDialog(owner, "Send " + BtcAmount.format(satoshis) + " BTC to\n" + address
                + "\nFee: " + quote.describe() + "\nTotal: " + BtcAmount.format(satoshis + quote.fee()) + " BTC?", "Confirm send", JOptionPane.YES_NO_OPTION, JOptionPane.QUESTION_MESSAGE,
                null, options, options[1]);
        return answer == 0;
    }

    public JFrame frame() {
        return window;
    }

    MainWindow window() {
        return window;
    }

    WalletModel model() {
        return model;
    }

    private void release() {
        model.close();
        background.close();
    }

    /** Closes the windows and stops the worker threads (onExit is not called). */
    @Override
    public void close() {
        onEdtAndWait(() -> {
            window.disposeAll();
            release();
        });
    }

    static void onEdtAndWait(Runnable r) {
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
            return;
        }
        try {
            SwingUtilities.invokeAndWait(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the event thread", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
        }
    }
}

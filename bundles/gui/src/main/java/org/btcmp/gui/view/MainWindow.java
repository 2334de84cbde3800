package org.btcmp.gui.view;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.time.ZoneId;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JTabbedPane;
import javax.swing.KeyStroke;
import javax.swing.SwingConstants;
import javax.swing.WindowConstants;
import org.btcmp.gui.model.BtcAmount;

/**
 * The main window: a sidebar of tabs (Overview, Send, Receive, Transactions), the menus (wallets,
 * the node window, the RPC console, light/dark) with their shortcuts, and a status bar with the
 * connection, the tip and a progress indicator while calls are in flight.
 */
final class MainWindow extends JFrame {
    private static final long serialVersionUID = 1L;
    static final int MENU_MASK = Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx();

    private final transient WalletModel model;
    private final transient Runnable onExit;
    private final JTabbedPane tabs = Ui.named(new JTabbedPane(SwingConstants.LEFT), "tabs");
    private final JLabel connection = Ui.named(new JLabel("Connecting…"), "status.connection");
    private final JLabel tip = Ui.named(new JLabel(), "status.tip");
    private final JLabel problem = Ui.errorLabel("status.problem");
    private String problemOf;
    private final JProgressBar busy = Ui.named(new JProgressBar(), "status.busy");
    final OverviewPanel overview;
    final SendPanel send;
    final ReceivePanel receive;
    final TransactionsPanel transactions;
    final NodePanel nodePanel;
    final RpcConsole console;
    private final WalletMenu walletMenu;
    private JFrame nodeWindow;
    private JFrame consoleWindow;
    private boolean connected = true;
    static final int RETRY_MILLIS = 2_000;
    /** Calls in flight this long show the progress bar. */
    static final int BUSY_DELAY_MILLIS = 300;

    MainWindow(WalletModel model, ZoneId zone, SendPanel.Confirmation confirmation, Runnable onExit) {
        super("Bitcoin (btcmp)");
        this.model = model;
        this.onExit = onExit;
        setName("main");
        overview = new OverviewPanel(model, zone);
        send = new SendPanel(model, confirmation, name -> WalletMenu.askPassphrase(this, "Unlock wallet",
                "Wallet " + WalletMenu.display(name) + " is locked. Passphrase to send:"));
        receive = new ReceivePanel(model);
        transactions = new TransactionsPanel(model, zone);
        nodePanel = new NodePanel(model, zone);
        console = new RpcConsole(model);
        walletMenu = new WalletMenu(model, this);
        tabs.addTab("Overview", overview);
        tabs.addTab("Send", send);
        tabs.addTab("Receive", receive);
        tabs.addTab("Transactions", transactions);
        JPanel status = new JPanel(new BorderLayout(12, 0));
        status.setBorder(BorderFactory.createEmptyBorder(2, 8, 2, 8));
        busy.setIndeterminate(false);
        busy.setVisible(false);
        busy.setPreferredSize(new Dimension(120, 12));
        status.add(connection, BorderLayout.WEST);
        JPanel middle = new JPanel(new BorderLayout(12, 0));
        middle.add(tip, BorderLayout.WEST);
        middle.add(problem, BorderLayout.CENTER);
        problem.setVisible(false);
        problem.setToolTipText("Click for details; the GUI tries again");
        problem.addMouseListener(new java.awt.event.MouseAdapter() {
            @Override
            public void mouseClicked(java.awt.event.MouseEvent e) {
                error("Problem", problem.getText());
                model.refresh();
            }
        });
        status.add(middle, BorderLayout.CENTER);
        status.add(busy, BorderLayout.EAST);
        getContentPane().add(tabs, BorderLayout.CENTER);
        getContentPane().add(status, BorderLayout.SOUTH);
        setJMenuBar(menus());
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                quit();
            }
        });
        setMinimumSize(new Dimension(640, 420));
        setSize(900, 600);
        // The progress bar appears only for calls that take a while: quick ones (most, and every refresh of a
        // block storm) would make it flicker, and its animation repaint the status bar many times a second.
        javax.swing.Timer showBusy = new javax.swing.Timer(BUSY_DELAY_MILLIS, e -> {
            busy.setVisible(true);
            busy.setIndeterminate(true);
        });
        showBusy.setRepeats(false);
        model.background.onBusyChanged(n -> {
            if (n == 0) {
                showBusy.stop();
                busy.setIndeterminate(false);
                busy.setVisible(false);
            } else if (!busy.isVisible() && !showBusy.isRunning()) {
                showBusy.start();
            }
        });
        // Node gone: say so, and ask again every few seconds until the transport answers again.
        javax.swing.Timer retry = new javax.swing.Timer(RETRY_MILLIS, e -> model.refresh());
        model.background.onConnectionChanged(up -> {
            connected = up;
            if (up) {
                retry.stop();
            } else {
                retry.start();
            }
            showStatus();
        });
        model.background.onProblem(this::showProblem);
        model.addListener(this::showStatus);
    }

    /** The latest failure nobody else showed (null message: {@code what} works again, so its problem goes). */
    private void showProblem(String what, String message) {
        if (message != null) {
            problemOf = what;
            problem.setText(message);
            problem.setVisible(true);
        } else if (what.equals(problemOf)) {
            problemOf = null;
            problem.setText(" ");
            problem.setVisible(false);
        }
    }

    private void showStatus() {
        connection.setText(connected ? "Connected (" + model.network().displayName() + ")"
                : "Disconnected from the node: retrying…");
        connection.setForeground(connected ? null : java.awt.Color.RED.darker());
        tip.setText("Block " + model.tip().height() + "   Spendable " + BtcAmount.format(model.balances().trusted()) + " BTC");
    }

    private JMenuBar menus() {
        JMenuBar bar = new JMenuBar();
        JMenu file = new JMenu("File");
        file.setMnemonic(KeyEvent.VK_F);
        walletMenu.addTo(file);
        file.addSeparator();
        file.add(item("Quit", KeyEvent.VK_Q, 0, this::quit));
        JMenu view = new JMenu("View");
        view.setMnemonic(KeyEvent.VK_V);
        String[] names = {"Overview", "Send", "Receive", "Transactions"};
        for (int i = 0; i < names.length; i++) {
            int index = i;
            view.add(item(names[i], KeyEvent.VK_1 + i, 0, () -> tabs.setSelectedIndex(index)));
        }
        view.addSeparator();
        JCheckBoxMenuItem dark = Ui.named(new JCheckBoxMenuItem("Dark theme"), "menu.dark");
        dark.setSelected(Theme.isDark());
        dark.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_D, MENU_MASK | java.awt.event.InputEvent.SHIFT_DOWN_MASK));
        dark.addActionListener(e -> Theme.apply(dark.isSelected()));
        view.add(dark);
        JMenu window = new JMenu("Window");
        window.setMnemonic(KeyEvent.VK_W);
        window.add(item("Node information", KeyEvent.VK_I, 0, this::showNodeWindow));
        window.add(item("RPC console", KeyEvent.VK_T, 0, this::showConsole));
        bar.add(file);
        bar.add(view);
        bar.add(window);
        return bar;
    }

    static JMenuItem item(String text, int key, int extraMask, Runnable action) {
        JMenuItem item = new InstantMenuItem(new AbstractAction(text) {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                action.run();
            }
        });
        item.setName("menu." + text.replace(' ', '.').toLowerCase(java.util.Locale.ROOT));
        if (key != 0) {
            item.setAccelerator(KeyStroke.getKeyStroke(key, MENU_MASK | extraMask));
        }
        return item;
    }

    /**
     * A menu item whose keyboard shortcut acts at once: Swing's accelerator calls doClick(), which holds
     * the item "pressed" for 68 ms on the event thread, a stall a person feels at every Ctrl+key.
     */
    static final class InstantMenuItem extends JMenuItem {
        private static final long serialVersionUID = 1L;

        InstantMenuItem(javax.swing.Action action) {
            super(action);
        }

        @Override
        public void doClick(int pressTime) {
            super.doClick(0);
        }
    }

    void showNodeWindow() {
        if (nodeWindow == null) {
            nodeWindow = satellite("Node information", nodePanel, "nodeWindow", 560, 380);
        }
        nodePanel.reload();
        nodeWindow.setVisible(true);
        nodeWindow.toFront();
    }

    void showConsole() {
        if (consoleWindow == null) {
            consoleWindow = satellite("RPC console", console, "consoleWindow", 720, 480);
        }
        consoleWindow.setVisible(true);
        consoleWindow.toFront();
    }

    private JFrame satellite(String title, JPanel content, String name, int w, int h) {
        JFrame f = new JFrame(title);
        f.setName(name);
        f.getContentPane().add(content);
        f.setSize(w, h);
        f.setLocationRelativeTo(this);
        return f;
    }

    JTabbedPane tabs() {
        return tabs;
    }

    /** Closes the windows and tells the owner (who stops the process or the test). */
    void quit() {
        disposeAll();
        onExit.run();
    }

    /** Closes this window and the node and console windows. */
    void disposeAll() {
        if (nodeWindow != null) {
            nodeWindow.dispose();
        }
        if (consoleWindow != null) {
            consoleWindow.dispose();
        }
        dispose();
    }

    void error(String title, String message) {
        JOptionPane.showMessageDialog(this, message, title, JOptionPane.ERROR_MESSAGE);
    }
}

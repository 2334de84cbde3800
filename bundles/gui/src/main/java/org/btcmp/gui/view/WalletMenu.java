package org.btcmp.gui.view;

import java.awt.GridLayout;
import java.awt.event.KeyEvent;
import java.util.List;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JTextField;
import org.btcmp.common.json.Json;
import org.btcmp.interfaces.Wallet;
import org.btcmp.interfaces.WalletLoader;

/**
 * Wallet management from the File menu: create, open, switch and close wallets through WalletLoader;
 * encrypt and unlock through the wallet's RPCs (the Wallet interface has no methods for them yet).
 */
final class WalletMenu {
    private final WalletModel model;
    private final MainWindow window;

    WalletMenu(WalletModel model, MainWindow window) {
        this.model = model;
        this.window = window;
    }

    void addTo(JMenu file) {
        file.add(MainWindow.item("Create wallet…", KeyEvent.VK_N, java.awt.event.InputEvent.SHIFT_DOWN_MASK, this::create));
        file.add(MainWindow.item("Open wallet…", KeyEvent.VK_O, 0, this::open));
        file.add(MainWindow.item("Switch wallet…", 0, 0, this::switchWallet));
        file.add(MainWindow.item("Close wallet", 0, 0, this::close));
        file.addSeparator();
        file.add(MainWindow.item("Encrypt wallet…", 0, 0, this::encrypt));
        file.add(MainWindow.item("Unlock wallet…", KeyEvent.VK_U, 0, this::unlock));
        file.add(MainWindow.item("Lock wallet", 0, 0, this::lock));
    }

    private void create() {
        JTextField name = Ui.named(new JTextField(16), "wallet.name");
        JPasswordField pass = Ui.named(new JPasswordField(16), "wallet.passphrase");
        JPanel form = new JPanel(new GridLayout(0, 1, 4, 4));
        form.add(new JLabel("Wallet name:"));
        form.add(name);
        form.add(new JLabel("Passphrase (empty: not encrypted):"));
        form.add(pass);
        if (JOptionPane.showConfirmDialog(window, form, "Create wallet", JOptionPane.OK_CANCEL_OPTION) != JOptionPane.OK_OPTION) {
            return;
        }
        String n = name.getText().strip();
        String p = new String(pass.getPassword());
        model.background.run("Creating the wallet", () -> model.loader.createWallet(n, p, WalletLoader.WALLET_FLAG_DESCRIPTORS), model::select,
                e -> window.error("Create wallet", Ui.reason(e)));
    }

    private void open() {
        model.background.run("Listing the wallets", () -> {
            List<String> all = new java.util.ArrayList<>(model.loader.listWalletDir());
            all.removeAll(model.loader.listWallets());
            return all;
        }, names -> {
            if (names.isEmpty()) {
                JOptionPane.showMessageDialog(window, "Every wallet in the wallet directory is open already.");
                return;
            }
            Object choice = JOptionPane.showInputDialog(window, "Wallet:", "Open wallet", JOptionPane.PLAIN_MESSAGE, null,
                    names.stream().map(WalletMenu::display).toArray(), null);
            if (choice != null) {
                String n = names.get(names.stream().map(WalletMenu::display).toList().indexOf(choice));
                model.background.run("Opening the wallet", () -> model.loader.loadWallet(n), model::select,
                        e -> window.error("Open wallet", Ui.reason(e)));
            }
        }, e -> window.error("Open wallet", Ui.reason(e)));
    }

    private void switchWallet() {
        model.background.run("Listing the wallets", model.loader::getWallets, wallets -> {
            if (wallets.isEmpty()) {
                return;
            }
            model.background.run("Listing the wallets", () -> wallets.stream().map(Wallet::getWalletName).toList(), names -> {
                Object choice = JOptionPane.showInputDialog(window, "Wallet:", "Switch wallet", JOptionPane.PLAIN_MESSAGE,
                        null, names.stream().map(WalletMenu::display).toArray(), display(model.walletName()));
                if (choice != null) {
                    model.select(wallets.get(names.stream().map(WalletMenu::display).toList().indexOf(choice)));
                }
            });
        }, e -> window.error("Switch wallet", Ui.reason(e)));
    }

    private void close() {
        if (model.wallet() == null) {
            return;
        }
        String n = model.walletName();
        model.background.run("Closing the wallet", () -> {
            model.loader.unloadWallet(n);
            List<Wallet> left = model.loader.getWallets();
            return left.isEmpty() ? null : left.get(0);
        }, model::select, e -> window.error("Close wallet", Ui.reason(e)));
    }

    private void encrypt() {
        JPasswordField p1 = Ui.named(new JPasswordField(16), "encrypt.passphrase");
        JPasswordField p2 = Ui.named(new JPasswordField(16), "encrypt.repeat");
        JPanel form = new JPanel(new GridLayout(0, 1, 4, 4));
        form.add(new JLabel("New passphrase:"));
        form.add(p1);
        form.add(new JLabel("Repeat it:"));
        form.add(p2);
        if (JOptionPane.showConfirmDialog(window, form, "Encrypt wallet", JOptionPane.OK_CANCEL_OPTION) != JOptionPane.OK_OPTION) {
            return;
        }
        String a = new String(p1.getPassword());
        if (a.isEmpty() || !a.equals(new String(p2.getPassword()))) {
            window.error("Encrypt wallet", "The passphrases are empty or differ: the wallet was not encrypted.");
            return;
        }
        walletRpc("Encrypt wallet", "encryptwallet", List.of(a));
    }

    private void unlock() {
        String p = askPassphrase(window, "Unlock wallet", "Passphrase (unlocks for 10 minutes):");
        if (p != null) {
            walletRpc("Unlock wallet", "walletpassphrase", List.of(p, new java.math.BigDecimal(600)));
        }
    }

    /** A passphrase dialog (field named "passphrase"); null when cancelled. */
    static String askPassphrase(java.awt.Component owner, String title, String prompt) {
        JPasswordField p = Ui.named(new JPasswordField(16), "passphrase");
        JPanel form = new JPanel(new GridLayout(0, 1, 4, 4));
        form.add(new JLabel(prompt));
        form.add(p);
        return JOptionPane.showConfirmDialog(owner, form, title, JOptionPane.OK_CANCEL_OPTION) == JOptionPane.OK_OPTION
                ? new String(p.getPassword()) : null;
    }

    private void lock() {
        walletRpc("Lock wallet", "walletlock", List.of());
    }

    private void walletRpc(String title, String method, List<Object> params) {
        if (model.wallet() == null) {
            return;
        }
        String uri = WalletModel.walletUri(model.walletName());
        model.background.run(title, () -> model.node.executeRpc(method, Json.write(params), uri), r -> {
            JOptionPane.showMessageDialog(window, title + ": done.");
            model.refresh();
        }, e -> window.error(title, Ui.reason(e)));
    }

    static String display(String name) {
        return name.isEmpty() ? "[default wallet]" : name;
    }
}

package org.btcmp.gui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Window;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JMenuItem;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.text.JTextComponent;
import org.btcmp.common.json.Json;
import org.btcmp.interfaces.Wallet;
import org.btcmp.interfaces.WalletLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The File menu's wallet dialogs, driven as a person would (menu item, modal dialog, typed fields,
 * OK) on a real X display against a real regtest node and wallets in this process: create, refuse
 * a duplicate, encrypt (mismatched passphrases refused), unlock (a wrong passphrase refused), a send
 * from a locked wallet that asks for the passphrase and locks again, close and open.
 */
class WalletDialogsTest {
    static final String PASSPHRASE = "correct horse";

    @TempDir
    Path dir;
    RegtestMonolith regtest;
    GuiSession gui;
    Wallet bob;

    @BeforeEach
    void start() throws Exception {
        TestDisplay.require();
        regtest = new RegtestMonolith(dir);
        Wallet alice = regtest.loader().createWallet("alice", "", WalletLoader.WALLET_FLAG_DESCRIPTORS);
        bob = regtest.loader().createWallet("bob", "", WalletLoader.WALLET_FLAG_DESCRIPTORS);
        regtest.mine(101, alice.getNewAddress("bech32", ""));
        gui = Edt.get(() -> GuiSession.build(regtest.nodeInterface, regtest.loader(), false, ZoneOffset.UTC, () -> { },
                null, true));
        Edt.waitFor("alice's balance", () -> "alice".equals(gui.model().walletName())
                && gui.model().balances().trusted() == 50 * 100_000_000L);
    }

    @AfterEach
    void stop() throws Exception {
        if (gui != null) {
            gui.close();
        }
        for (Window w : Window.getWindows()) {
            SwingUtilities.invokeAndWait(w::dispose); // a dialog left open by a failed assertion
        }
        if (regtest != null) {
            regtest.close();
        }
    }

    /** Chooses a File menu item; its dialog is modal, so this does not wait for it. */
    private void menu(String name) {
        JMenuItem item = Edt.find(gui.window(), name, JMenuItem.class);
        SwingUtilities.invokeLater(item::doClick);
    }

    private static Window dialog(String title) throws InterruptedException {
        Edt.waitFor("the dialog '" + title + "'", () -> Edt.window(title) != null);
        return Edt.get(() -> Edt.window(title));
    }

    /** The dialog's text, its labels joined by newlines (the icon's label has none). */
    private static String text(Window dialog) {
        return Edt.get(() -> String.join("\n", Edt.all(dialog, JLabel.class).stream().map(JLabel::getText)
                .filter(t -> t != null && !t.isBlank()).toList()));
    }

    private static void type(Window dialog, String field, String text) {
        Edt.run(() -> Edt.find(dialog, field, JTextComponent.class).setText(text));
    }

    /** Presses a dialog's button; another modal dialog it opens does not block this. */
    private static void press(Window dialog, String button) {
        JButton b = Edt.get(() -> Edt.all(dialog, JButton.class).stream().filter(x -> button.equals(x.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + button + " in " + text(dialog))));
        SwingUtilities.invokeLater(b::doClick);
    }

    private static void gone(Window dialog) throws InterruptedException {
        Edt.waitFor("the dialog to close", () -> !dialog.isShowing());
    }

    /** The message dialog's text, after which it is closed with OK. */
    private static String acknowledge(String title) throws InterruptedException {
        Window d = dialog(title);
        String shown = text(d);
        press(d, "OK");
        gone(d);
        return shown;
    }

    private Map<?, ?> walletInfo(String wallet) throws Json.ParseException {
        return (Map<?, ?>) Json.parse(regtest.nodeInterface.executeRpc("getwalletinfo", "[]", "/wallet/" + wallet));
    }

    private String label(String name) {
        return Edt.get(() -> Edt.find(gui.window(), name, JLabel.class).getText());
    }

    @Test
    void createSwitchesToTheNewWalletAndADuplicateNameIsRefused() throws Exception {
        menu("menu.create.wallet…");
        Window create = dialog("Create wallet");
        type(create, "wallet.name", "carol");
        press(create, "OK");
        gone(create);
        Edt.waitFor("carol shown", () -> "carol".equals(gui.model().walletName()));
        Edt.waitFor("the overview", () -> label("overview.wallet").equals("Wallet: carol"));
        assertEquals("0.00000000 BTC", label("balance.spendable"));
        assertTrue(regtest.loader().listWallets().contains("carol"));
        assertFalse(regtest.loader().isEncrypted("carol"));

        menu("menu.create.wallet…");
        create = dialog("Create wallet");
        type(create, "wallet.name", "bob");
        press(create, "OK");
        gone(create);
        String refusal = acknowledge("Create wallet");
        assertTrue(refusal.contains("bob") && refusal.toLowerCase(java.util.Locale.ROOT).contains("exist"), refusal);
        assertEquals("carol", Edt.get(() -> gui.model().walletName()), "the refusal changes nothing");
        assertEquals(List.of("alice", "bob", "carol"), regtest.loader().listWallets().stream().sorted().toList());

        menu("menu.create.wallet…");
        create = dialog("Create wallet");
        type(create, "wallet.name", "dave");
        type(create, "wallet.passphrase", PASSPHRASE);
        press(create, "OK");
        gone(create);
        Edt.waitFor("dave shown", () -> "dave".equals(gui.model().walletName()));
        assertTrue(regtest.loader().isEncrypted("dave"), "a passphrase at creation encrypts the wallet");
    }

    @Test
    void encryptRefusesMismatchedPassphrasesThenLocksAndUnlockRefusesAWrongOne() throws Exception {
        menu("menu.encrypt.wallet…");
        Window encrypt = dialog("Encrypt wallet");
        type(encrypt, "encrypt.passphrase", PASSPHRASE);
        type(encrypt, "encrypt.repeat", PASSPHRASE + "!");
        press(encrypt, "OK");
        gone(encrypt);
        assertEquals("The passphrases are empty or differ: the wallet was not encrypted.", acknowledge("Encrypt wallet"));
        assertFalse(regtest.loader().isEncrypted("alice"));

        menu("menu.encrypt.wallet…");
        encrypt = dialog("Encrypt wallet");
        type(encrypt, "encrypt.passphrase", PASSPHRASE);
        type(encrypt, "encrypt.repeat", PASSPHRASE);
        press(encrypt, "OK");
        gone(encrypt);
        assertEquals("Encrypt wallet: done.", acknowledge("Message"));
        assertTrue(regtest.loader().isEncrypted("alice"));
        assertEquals(0L, walletInfo("alice").get("unlocked_until"), "encrypted and locked");

        menu("menu.unlock.wallet…");
        Window unlock = dialog("Unlock wallet");
        type(unlock, "passphrase", "wrong");
        press(unlock, "OK");
        gone(unlock);
        assertEquals("Error: The wallet passphrase entered was incorrect.", acknowledge("Unlock wallet"));
        assertEquals(0L, walletInfo("alice").get("unlocked_until"), "still locked");

        menu("menu.unlock.wallet…");
        unlock = dialog("Unlock wallet");
        type(unlock, "passphrase", PASSPHRASE);
        press(unlock, "OK");
        gone(unlock);
        assertEquals("Unlock wallet: done.", acknowledge("Message"));
        assertTrue(((Number) walletInfo("alice").get("unlocked_until")).longValue() > 0, "unlocked for a while");
        menu("menu.lock.wallet");
        assertEquals("Lock wallet: done.", acknowledge("Message"));
        assertEquals(0L, walletInfo("alice").get("unlocked_until"));
    }

    /** Fills the send form and confirms; returns once the confirmation dialog is answered. */
    private void sendAndConfirm(String to, String amount) throws InterruptedException {
        Edt.run(() -> gui.window().tabs().setSelectedIndex(1));
        Edt.run(() -> {
            Edt.find(gui.window(), "send.address", JTextField.class).setText(to);
            Edt.find(gui.window(), "send.amount", JTextField.class).setText(amount);
        });
        Edt.waitFor("Send enabled", () -> Edt.find(gui.window(), "send.button", JButton.class).isEnabled());
        JButton send = Edt.find(gui.window(), "send.button", JButton.class);
        SwingUtilities.invokeLater(send::doClick);
        Window confirm = dialog("Confirm send");
        press(confirm, "Send");
        gone(confirm);
    }

    @Test
    void aLockedWalletAsksForThePassphraseToSendRefusesAWrongOneAndLocksAgain() throws Exception {
        regtest.nodeInterface.executeRpc("encryptwallet", "[\"" + PASSPHRASE + "\"]", "/wallet/alice");
        String to = bob.getNewAddress("bech32", "");

        sendAndConfirm(to, "1");
        Window unlock = dialog("Unlock wallet");
        assertTrue(text(unlock).contains("Wallet alice is locked. Passphrase to send:"), text(unlock));
        press(unlock, "Cancel");
        gone(unlock);
        Edt.waitFor("the refusal", () -> label("send.result").equals("Not sent: the wallet is locked"));

        sendAndConfirm(to, "1");
        unlock = dialog("Unlock wallet");
        type(unlock, "passphrase", "wrong");
        press(unlock, "OK");
        Edt.waitFor("the wrong passphrase refused", () -> label("send.result")
                .equals("Not sent: Error: The wallet passphrase entered was incorrect."));
        assertEquals(0, regtest.nodeInterface.getMempoolSize(), "nothing sent");

        sendAndConfirm(to, "1");
        unlock = dialog("Unlock wallet");
        type(unlock, "passphrase", PASSPHRASE);
        press(unlock, "OK");
        Edt.waitFor("the send", () -> label("send.result").startsWith("Sent 1.00000000 BTC: "));
        assertEquals(1, regtest.nodeInterface.getMempoolSize());
        assertEquals(100_000_000L, bob.getBalances().untrustedPending());
        assertEquals(0L, walletInfo("alice").get("unlocked_until"), "locked again after the send");
    }

    @Test
    void aClosedWalletLeavesTheSelectorAndOpenBringsItBack() throws Exception {
        menu("menu.close.wallet");
        Edt.waitFor("the next wallet shown", () -> "bob".equals(gui.model().walletName()));
        assertEquals(List.of("bob"), regtest.loader().listWallets());

        menu("menu.switch.wallet…");
        Window select = dialog("Switch wallet");
        assertEquals(List.of("bob"), Edt.get(() -> {
            JComboBox<?> box = Edt.all(select, JComboBox.class).get(0);
            return java.util.stream.IntStream.range(0, box.getItemCount()).mapToObj(i -> String.valueOf(box.getItemAt(i))).toList();
        }), "alice is no longer offered");
        press(select, "Cancel");
        gone(select);

        menu("menu.open.wallet…");
        Window open = dialog("Open wallet");
        Edt.run(() -> Edt.all(open, JComboBox.class).get(0).setSelectedItem("alice"));
        press(open, "OK");
        gone(open);
        Edt.waitFor("alice shown again", () -> "alice".equals(gui.model().walletName())
                && gui.model().balances().trusted() == 50 * 100_000_000L);
        assertEquals(List.of("alice", "bob"), regtest.loader().listWallets().stream().sorted().toList());

        menu("menu.close.wallet");
        Edt.waitFor("bob", () -> "bob".equals(gui.model().walletName()));
        menu("menu.close.wallet");
        Edt.waitFor("no wallet", () -> gui.model().wallet() == null);
        Edt.waitFor("the overview says so", () -> label("overview.wallet").equals("No wallet loaded"));
        assertFalse(Edt.get(() -> Edt.find(gui.window(), "send.button", JButton.class).isEnabled()));
        assertEquals(List.of(), regtest.loader().listWallets());
    }
}

package org.btcmp.gui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Toolkit;
import java.awt.Window;
import java.awt.datatransfer.DataFlavor;
import java.awt.event.KeyEvent;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import org.btcmp.interfaces.Node;
import org.btcmp.interfaces.Wallet;
import org.btcmp.interfaces.WalletLoader;

/**
 * The real GUI driven as a person would, on a real display, over whatever {@link Node} and
 * {@link WalletLoader} it is given: in this process (GuiRegtestTest) or behind a bitcoin-node's socket
 * (itest's GuiOverSocketTest, which has this class from the gui test jar). Public for that test only.
 */
public final class GuiScenario implements AutoCloseable {
    /** Mines blocks to an address: in-process, or generatetoaddress over RPC. */
    @FunctionalInterface
    public interface Miner {
        void mine(int blocks, String address) throws Exception;
    }

    private final GuiSession gui;
    private final AtomicBoolean exited;

    private GuiScenario(GuiSession gui, AtomicBoolean exited) {
        this.gui = gui;
        this.exited = exited;
    }

    /** Starts Xvfb on the pom's DISPLAY if no X server answers there (skips or fails as TestDisplay says). */
    public static void requireDisplay() throws Exception {
        TestDisplay.require();
    }

    /** Opens the window over {@code node} and {@code loader} and waits until it shows {@code firstWallet}. */
    public static GuiScenario open(Node node, WalletLoader loader, String firstWallet) throws InterruptedException {
        AtomicBoolean exited = new AtomicBoolean();
        GuiSession gui = Edt.get(() -> GuiSession.build(node, loader, false, ZoneOffset.UTC, () -> exited.set(true), null, true));
        Edt.waitFor("the first wallet to be shown", () -> firstWallet.equals(gui.model().walletName()) && gui.model().refreshes() > 0);
        return new GuiScenario(gui, exited);
    }

    GuiSession session() {
        return gui;
    }

    private <T extends java.awt.Component> T find(String name, Class<T> type) {
        return Edt.find(gui.window(), name, type);
    }

    private String text(String name) {
        return Edt.get(() -> {
            java.awt.Component c = find(name, java.awt.Component.class);
            return c instanceof JLabel l ? l.getText() : ((JTextField) c).getText();
        });
    }

    /** A menu shortcut typed at the window (what the keyboard delivers to the focused window). */
    private void shortcut(int key) {
        Edt.run(() -> {
            MainWindow w = gui.window();
            KeyEvent e = new KeyEvent(w.tabs(), KeyEvent.KEY_PRESSED, System.currentTimeMillis(), MainWindow.MENU_MASK, key,
                    KeyEvent.CHAR_UNDEFINED);
            w.tabs().dispatchEvent(e);
        });
    }

    /**
     * Receive an address, mine 101 blocks to it, watch the balance change without a refresh, refuse bad send
     * input, send 1.5 BTC to {@code bob} through the send screen and its confirmation dialog, find the
     * transaction in the list (and its confirmation after one more block), quit with Ctrl+Q.
     */
    public void receiveMineWatchBalanceSendAndFind(Node node, Wallet bob, Miner miner) throws Exception {
        shortcut(KeyEvent.VK_3);
        assertEquals(2, Edt.get(() -> gui.window().tabs().getSelectedIndex()), "Ctrl+3 shows Receive");
        Edt.run(() -> find("receive.label", JTextField.class).setText("gui test"));
        Edt.run(() -> find("receive.amount", JTextField.class).setText("0.25"));
        Edt.run(() -> find("receive.new", JButton.class).doClick());
        Edt.waitFor("a new address", () -> !find("receive.address", JTextField.class).getText().isEmpty());
        String address = text("receive.address");
        assertTrue(address.startsWith("bcrt1q"), address);
        String uri = text("receive.uri");
        assertEquals("bitcoin:" + address + "?amount=0.25&label=gui%20test", uri);
        assertEquals(uri, QrDecode.text(Edt.get(() -> gui.window().receive.qrImage())), "the QR code holds the URI");
        Edt.run(() -> find("receive.copy", JButton.class).doClick());
        assertEquals(uri, Toolkit.getDefaultToolkit().getSystemClipboard().getData(DataFlavor.stringFlavor));

        long refreshesBefore = Edt.get(() -> gui.model().refreshes());
        miner.mine(101, address);
        Edt.waitFor("the spendable balance to follow the chain", () -> text("balance.spendable").equals("50.00000000 BTC"));
        assertEquals("5000.00000000 BTC", text("balance.immature"), "100 immature coinbases");
        assertTrue(Edt.get(() -> gui.model().refreshes()) > refreshesBefore, "updated by notifications, no refresh asked");

        shortcut(KeyEvent.VK_2);
        assertEquals(1, Edt.get(() -> gui.window().tabs().getSelectedIndex()), "Ctrl+2 shows Send");
        String bobAddress = bob.getNewAddress("bech32", "from alice");
        JButton send = find("send.button", JButton.class);
        // bad input: refused inline, the button stays disabled, nothing reaches the wallet
        Edt.run(() -> find("send.address", JTextField.class).setText(SendFormTest.typo(bobAddress)));
        Edt.run(() -> find("send.amount", JTextField.class).setText("1"));
        assertEquals("Checksum mismatch: a character is mistyped", text("send.addressError"));
        assertFalse(Edt.get(send::isEnabled));
        Edt.run(() -> find("send.address", JTextField.class).setText(bobAddress));
        assertEquals(" ", text("send.addressError"));
        for (String[] bad : new String[][] {{"60", "Amount exceeds your spendable balance of 50.00000000 BTC"},
            {"-1", "The amount cannot be negative"}, {"0.000000001", "At most 8 decimals (1 satoshi is 0.00000001 BTC)"}}) {
            Edt.run(() -> find("send.amount", JTextField.class).setText(bad[0]));
            assertEquals(bad[1], text("send.amountError"), bad[0]);
            assertFalse(Edt.get(send::isEnabled), bad[0]);
            Edt.run(() -> find("send.amount", JTextField.class).postActionEvent());
        }
        assertEquals(0, node.getMempoolSize(), "nothing was sent");

        Edt.run(() -> find("send.amount", JTextField.class).setText("1.5"));
        assertTrue(Edt.get(send::isEnabled));
        SwingUtilities.invokeLater(send::doClick); // the confirmation dialog is modal: do not wait on it here
        Edt.waitFor("the confirmation dialog", () -> Edt.window("Confirm send") != null);
        String shown = Edt.get(() -> String.join("\n", Edt.all(Edt.window("Confirm send"), JLabel.class).stream()
                .map(JLabel::getText).toList()));
        java.util.regex.Matcher feeShown = java.util.regex.Pattern.compile("Fee: ([0-9.]+) BTC \\([0-9.]+ sat/vB, ").matcher(shown);
        assertTrue(feeShown.find(), "the confirmation shows the fee and its rate: " + shown);
        Edt.run(() -> {
            Window dialog = Edt.window("Confirm send");
            Edt.all(dialog, JButton.class).stream().filter(b -> "Send".equals(b.getText())).findFirst().orElseThrow().doClick();
        });
        Edt.waitFor("the send result", () -> text("send.result").startsWith("Sent "));
        String result = text("send.result");
        String txid = result.substring(result.lastIndexOf(' ') + 1);
        assertEquals("Sent 1.50000000 BTC: " + txid, result);
        assertEquals(1, node.getMempoolSize());
        assertEquals(150_000_000L, bob.getBalances().untrustedPending());
        java.util.Map<?, ?> sentTx = (java.util.Map<?, ?>) org.btcmp.common.json.Json.parse(node.executeRpc(
                "gettransaction", "[\"" + txid + "\"]", WalletModel.walletUri(Edt.get(() -> gui.model().walletName()))));
        assertEquals(new java.math.BigDecimal(feeShown.group(1)), ((java.math.BigDecimal) sentTx.get("fee")).negate(),
                "the confirmation showed the fee the transaction pays");

        shortcut(KeyEvent.VK_4);
        JTable table = find("tx.table", JTable.class);
        Edt.waitFor("the send in the transaction list", () -> rowOf(table, txid) >= 0);
        assertEquals("send", Edt.get(() -> table.getValueAt(rowOf(table, txid), 1)));
        assertEquals("-1.50000000", Edt.get(() -> table.getValueAt(rowOf(table, txid), 3)));
        assertEquals(0L, Edt.get(() -> table.getValueAt(rowOf(table, txid), 4)));
        miner.mine(1, bob.getNewAddress("bech32", ""));
        Edt.waitFor("the send to confirm in the list", () -> Long.valueOf(1).equals(table.getValueAt(rowOf(table, txid), 4)));
        Edt.run(() -> find("tx.search", JTextField.class).setText(txid.substring(0, 12)));
        assertEquals(1, Edt.get(table::getRowCount), "the filter keeps only the matching transaction");

        shortcut(KeyEvent.VK_Q);
        assertTrue(exited.get(), "Ctrl+Q quits");
        assertFalse(Edt.get(() -> gui.window().isDisplayable()));
    }

    private static int rowOf(JTable table, String txid) {
        for (int i = 0; i < table.getRowCount(); i++) {
            if (txid.equals(table.getValueAt(i, TransactionTableModel.TXID_COLUMN))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        gui.close();
    }
}

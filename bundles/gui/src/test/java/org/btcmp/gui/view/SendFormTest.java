package org.btcmp.gui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JTextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The send form refuses bad input inline and sends nothing, even when Send is forced (Enter in a
 * field, a click on the disabled button); good input goes through the confirmation, and a cancelled
 * confirmation sends nothing either.
 */
class SendFormTest {
    final Fakes.FakeNode node = new Fakes.FakeNode();
    final Fakes.FakeWallet wallet = new Fakes.FakeWallet();
    final List<String> confirmations = new ArrayList<>();
    final List<SendPanel.Quote> quotes = new ArrayList<>();
    volatile boolean confirm;
    GuiSession gui;

    /** The address with its last character changed (still a bech32 character, so only the checksum breaks). */
    static String typo(String a) {
        char last = a.charAt(a.length() - 1);
        return a.substring(0, a.length() - 1) + (last == 'q' ? 'p' : 'q');
    }

    @BeforeEach
    void open() throws Exception {
        TestDisplay.require();
        gui = Edt.get(() -> GuiSession.build(node, new Fakes.FakeLoader(wallet), false, ZoneOffset.UTC, () -> { },
                (address, sats, fee) -> {
                    confirmations.add(address + " " + sats);
                    quotes.add(fee);
                    return confirm;
                }, false));
        Edt.waitFor("the wallet", () -> gui.model().refreshes() > 0 && gui.model().wallet() != null);
    }

    @AfterEach
    void close() {
        gui.close();
    }

    private void fill(String address, String amount) {
        Edt.run(() -> {
            Edt.find(gui.window(), "send.address", JTextField.class).setText(address);
            Edt.find(gui.window(), "send.amount", JTextField.class).setText(amount);
        });
    }

    private String error(String name) {
        return Edt.get(() -> Edt.find(gui.window(), name, JLabel.class).getText());
    }

    private void forceSend() {
        Edt.run(() -> {
            Edt.find(gui.window(), "send.amount", JTextField.class).postActionEvent();
            Edt.find(gui.window(), "send.button", JButton.class).doClick();
            gui.window().send.getClass(); // keep the panel reachable for the reader: sends go only through trySend
        });
    }

    @Test
    void eachBadInputIsRefusedWithItsMessageAndNothingIsSent() throws Exception {
        String[][] cases = {
            {typo(Fakes.ADDRESS), "0.1", "send.addressError", "Checksum mismatch: a character is mistyped"},
            {"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "0.1", "send.addressError",
                "This is an address for another network (bc1…), not regtest"},
            {Fakes.ADDRESS, "1.50000001", "send.amountError", "Amount exceeds your spendable balance of 1.50000000 BTC"},
            {Fakes.ADDRESS, "-0.1", "send.amountError", "The amount cannot be negative"},
            {Fakes.ADDRESS, "0.123456789", "send.amountError", "At most 8 decimals (1 satoshi is 0.00000001 BTC)"},
            {Fakes.ADDRESS, "abc", "send.amountError", "'abc' is not a number"},
        };
        for (String[] c : cases) {
            fill(c[0], c[1]);
            assertEquals(c[3], error(c[2]), c[0] + " / " + c[1]);
            assertFalse(Edt.get(() -> Edt.find(gui.window(), "send.button", JButton.class).isEnabled()), c[1]);
            forceSend();
            assertEquals(c[3], error(c[2]), "the message stays after a forced send");
        }
        assertEquals(List.of(), confirmations, "no confirmation was even asked");
        assertEquals(List.of(), wallet.sends, "nothing was sent");
    }

    @Test
    void goodInputIsSentOnlyAfterConfirmation() throws Exception {
        fill(Fakes.ADDRESS, "1.5");
        assertEquals(" ", error("send.addressError"));
        assertEquals(" ", error("send.amountError"));
        confirm = false;
        Edt.run(() -> Edt.find(gui.window(), "send.button", JButton.class).doClick());
        Edt.waitFor("the confirmation", () -> confirmations.size() == 1);
        assertEquals(List.of(Fakes.ADDRESS + " 150000000"), confirmations);
        assertEquals(List.of(), wallet.sends, "cancelled: nothing sent");
        confirm = true;
        Edt.waitFor("Send enabled again", () -> Edt.find(gui.window(), "send.button", JButton.class).isEnabled());
        Edt.run(() -> Edt.find(gui.window(), "send.button", JButton.class).doClick());
        Edt.waitFor("the send", () -> gui.window().send.sentCount() == 1);
        assertEquals(List.of(Fakes.ADDRESS + " 150000000 12000"), wallet.sends, "at the rate for the default target");
        assertTrue(Edt.get(() -> Edt.find(gui.window(), "send.result", JLabel.class).getText())
                .startsWith("Sent 1.50000000 BTC: c0ffee"));
        assertEquals("", Edt.get(() -> Edt.find(gui.window(), "send.address", JTextField.class).getText()), "form cleared");
    }

    private String preview() {
        return error("send.feePreview");
    }

    @Test
    void theFeePreviewFollowsTheChoiceAndTheSendPaysThePreviewedRate() throws Exception {
        fill(Fakes.ADDRESS, "1");
        Edt.waitFor("the preview at the default target", () -> preview()
                .equals("Estimated fee: 0.00001692 BTC (12 sat/vB, recommended for 6 blocks (~1 hour))"));
        Edt.run(() -> Edt.find(gui.window(), "send.fee.target", javax.swing.JComboBox.class).setSelectedIndex(0));
        Edt.waitFor("the preview for 2 blocks", () -> preview()
                .equals("Estimated fee: 0.00003525 BTC (25 sat/vB, recommended for 2 blocks (~20 minutes))"));
        JTextField rate = Edt.find(gui.window(), "send.fee.rate", JTextField.class);
        Edt.run(() -> rate.setText("3.5"));
        assertTrue(Edt.get(() -> Edt.find(gui.window(), "send.fee.custom", javax.swing.JRadioButton.class).isSelected()),
                "typing a rate chooses it");
        Edt.waitFor("the custom preview", () -> preview().equals("Estimated fee: 0.00000493 BTC (3.5 sat/vB, custom 3.5 sat/vB)"));
        for (String[] bad : new String[][] {{"0", "The fee rate must be above 0 sat/vB"}, {"1.0001", "At most 3 decimals"
                + " (0.001 sat/vB is 1 sat/kvB)"}, {"", "Enter a fee rate in sat/vB"}}) {
            Edt.run(() -> rate.setText(bad[0]));
            assertEquals(bad[1], error("send.feeError"), bad[0]);
            assertFalse(Edt.get(() -> Edt.find(gui.window(), "send.button", JButton.class).isEnabled()), bad[0]);
            assertEquals(" ", preview());
            forceSend();
        }
        assertEquals(List.of(), confirmations, "a refused rate asks nothing");
        Edt.run(() -> rate.setText("7"));
        assertEquals(" ", error("send.feeError"));
        confirm = true;
        Edt.run(() -> Edt.find(gui.window(), "send.button", JButton.class).doClick());
        Edt.waitFor("the send", () -> gui.window().send.sentCount() == 1);
        assertEquals(List.of(new SendPanel.Quote(new FeeSelector.Choice(0, 7_000), 7_000, 987)), quotes,
                "the confirmation showed the fee at the custom rate");
        assertEquals(List.of(Fakes.ADDRESS + " 100000000 7000"), wallet.sends);
    }
}

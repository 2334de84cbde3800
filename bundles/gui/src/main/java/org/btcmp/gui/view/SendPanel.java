package org.btcmp.gui.view;

import java.awt.BorderLayout;
import java.awt.GridBagLayout;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import org.btcmp.gui.model.BtcAmount;
import org.btcmp.gui.model.SendCheck;
import org.btcmp.interfaces.Wallet;

/**
 * Pay to an address: the address and amount are checked as they are typed (the message appears under
 * the field and Send stays disabled); Send asks for confirmation, then calls the wallet off the event
 * thread and shows the txid or the wallet's refusal.
 */
final class SendPanel extends JPanel {
    private static final long serialVersionUID = 1L;

    /** Fee rate choices in sat/kvB; 0 lets the wallet pick (its fallback or estimate). */
    enum FeeChoice {
        WALLET("Wallet default", 0), ECONOMY("Economy (1 sat/vB)", 1_000), NORMAL("Normal (5 sat/vB)", 5_000),
        PRIORITY("Priority (20 sat/vB)", 20_000);

        final String label;
        final long satPerKvb;

        FeeChoice(String label, long satPerKvb) {
            this.label = label;
            this.satPerKvb = satPerKvb;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Asks the person to confirm a send; true to go ahead. */
    interface Confirmation {
        boolean confirm(String address, long satoshis, FeeChoice fee);
    }

    private final transient WalletModel model;
    private final transient Confirmation confirmation;
    private final JTextField address = Ui.named(new JTextField(34), "send.address");
    private final JTextField amount = Ui.named(new JTextField(12), "send.amount");
    private final JComboBox<FeeChoice> fee = Ui.named(new JComboBox<>(FeeChoice.values()), "send.fee");
    private final JLabel addressError = Ui.errorLabel("send.addressError");
    private final JLabel amountError = Ui.errorLabel("send.amountError");
    private final JLabel result = Ui.named(new JLabel(" "), "send.result");
    private final JButton send = Ui.named(new JButton("Send"), "send.button");
    private boolean sending;
    private long sent;

    SendPanel(WalletModel model, Confirmation confirmation) {
        super(new BorderLayout());
        this.model = model;
        this.confirmation = confirmation;
        setBorder(BorderFactory.createEmptyBorder(16, 16, 16, 16));
        JPanel form = new JPanel(new GridBagLayout());
        form.add(Ui.title("Send bitcoin"), Ui.cell(0, 0));
        form.add(new JLabel("Pay to:"), Ui.cell(0, 1));
        form.add(address, Ui.wide(1, 1));
        form.add(addressError, Ui.wide(1, 2));
        form.add(new JLabel("Amount (BTC):"), Ui.cell(0, 3));
        form.add(amount, Ui.cell(1, 3));
        form.add(amountError, Ui.wide(1, 4));
        form.add(new JLabel("Fee rate:"), Ui.cell(0, 5));
        form.add(fee, Ui.cell(1, 5));
        form.add(send, Ui.cell(1, 6));
        form.add(result, Ui.wide(1, 7));
        amount.setMinimumSize(amount.getPreferredSize());
        add(form, BorderLayout.NORTH);
        address.putClientProperty("JTextField.placeholderText", "bc1… / tb1… / bcrt1… or a base58 address");
        amount.putClientProperty("JTextField.placeholderText", "0.00000000");
        DocumentListener recheck = onChange(e -> validateForm());
        address.getDocument().addDocumentListener(recheck);
        amount.getDocument().addDocumentListener(recheck);
        send.addActionListener(e -> trySend());
        model.addListener(this::validateForm);
        validateForm();
    }

    /** The rules applied now; errors shown only for fields that have text (an empty form is not scolded). */
    private SendCheck.Result validateForm() {
        SendCheck.Result r = SendCheck.check(address.getText(), amount.getText(), model.network(),
                model.balances().trusted());
        Ui.showError(addressError, address.getText().isBlank() ? null : r.addressError());
        Ui.showError(amountError, amount.getText().isBlank() ? null : r.amountError());
        address.putClientProperty("JComponent.outline", address.getText().isBlank() || r.addressError() == null ? null : "error");
        amount.putClientProperty("JComponent.outline", amount.getText().isBlank() || r.amountError() == null ? null : "error");
        send.setEnabled(r.ok() && !sending && model.wallet() != null);
        return r;
    }

    private void trySend() {
        SendCheck.Result r = validateForm();
        if (!r.ok()) {
            // Enter in a field, or a click racing a keystroke: refuse with the messages, send nothing.
            Ui.showError(addressError, r.addressError());
            Ui.showError(amountError, r.amountError());
            return;
        }
        Wallet wallet = model.wallet();
        String to = address.getText().strip();
        FeeChoice choice = (FeeChoice) fee.getSelectedItem();
        if (wallet == null || !confirmation.confirm(to, r.satoshis(), choice)) {
            return;
        }
        sending = true;
        send.setEnabled(false);
        result.setText("Sending…");
        model.background.run("Sending", () -> wallet.sendToAddress(to, r.satoshis(), choice.satPerKvb), txid -> {
            sending = false;
            sent++;
            result.setText("Sent " + BtcAmount.format(r.satoshis()) + " BTC: " + txid);
            address.setText("");
            amount.setText("");
            model.refresh();
            validateForm();
        }, e -> {
            sending = false;
            result.setText("Not sent: " + Ui.reason(e));
            validateForm();
        });
    }

    /** Sends that succeeded (tests wait on it). */
    long sentCount() {
        return sent;
    }

    private static DocumentListener onChange(Consumer<DocumentEvent> action) {
        return new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                action.accept(e);
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                action.accept(e);
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                action.accept(e);
            }
        };
    }
}

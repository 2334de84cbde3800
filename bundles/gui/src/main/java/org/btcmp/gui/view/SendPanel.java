package org.btcmp.gui.view;

import java.awt.BorderLayout;
import java.awt.GridBagLayout;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.Timer;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import org.btcmp.gui.model.BtcAmount;
import org.btcmp.gui.model.FeeRate;
import org.btcmp.gui.model.SendCheck;
import org.btcmp.interfaces.Wallet;

/**
 * Pay to an address: the address, amount and fee rate are checked as they are typed (the message appears
 * under the field and Send stays disabled), and the fee the wallet would pay is previewed. Send asks
 * the wallet for the fee, asks for confirmation with it, asks for the passphrase of a locked wallet
 * (which is locked again afterwards), then sends off the event thread and shows the txid or the refusal.
 */
final class SendPanel extends JPanel {
    private static final long serialVersionUID = 1L;
    /** Typing pauses this long before the fee preview asks the wallet (one call per pause, not per key). */
    static final int PREVIEW_DELAY_MILLIS = 300;

    /** A priced send: the fee choice, the rate it resolved to (sat/kvB) and the fee in satoshis at that rate. */
    record Quote(FeeSelector.Choice choice, long satPerKvb, long fee) {
        String describe() {
            return BtcAmount.format(fee) + " BTC (" + FeeRate.format(satPerKvb) + " sat/vB, " + choice + ")";
        }
    }

    /** Asks the person to confirm a send; true to go ahead. */
    interface Confirmation {
        boolean confirm(String address, long satoshis, Quote quote);
    }

    /** Asks for the passphrase of a locked wallet before a send; null: the person declined. */
    interface Unlock {
        String passphrase(String walletName);
    }

    private final transient WalletModel model;
    private final transient Confirmation confirmation;
    private final transient Unlock unlock;
    private final JTextField address = Ui.named(new JTextField(34), "send.address");
    private final JTextField amount = Ui.named(new JTextField(12), "send.amount");
    private final FeeSelector fee = new FeeSelector(this::formChanged);
    private final JLabel addressError = Ui.errorLabel("send.addressError");
    private final JLabel amountError = Ui.errorLabel("send.amountError");
    private final JLabel feeError = Ui.errorLabel("send.feeError");
    private final JLabel feePreview = Ui.named(new JLabel(" "), "send.feePreview");
    private final JLabel result = Ui.named(new JLabel(" "), "send.result");
    private final JButton send = Ui.named(new JButton("Send"), "send.button");
    private final Timer previewTimer = new Timer(PREVIEW_DELAY_MILLIS, e -> preview());
    private boolean sending;
    private long sent;
    private long previewRound;
    private Quote shownQuote;
    private String previewProblem; // why the wallet cannot price the form as it stands

    SendPanel(WalletModel model, Confirmation confirmation, Unlock unlock) {
        super(new BorderLayout());
        this.model = model;
        this.confirmation = confirmation;
        this.unlock = unlock;
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
        form.add(feeError, Ui.wide(1, 6));
        form.add(feePreview, Ui.wide(1, 7));
        form.add(send, Ui.cell(1, 8));
        form.add(result, Ui.wide(1, 9));
        amount.setMinimumSize(amount.getPreferredSize());
        add(form, BorderLayout.NORTH);
        address.putClientProperty("JTextField.placeholderText", "bc1… / tb1… / bcrt1… or a base58 address");
        amount.putClientProperty("JTextField.placeholderText", "0.00000000");
        DocumentListener recheck = onChange(e -> formChanged());
        address.getDocument().addDocumentListener(recheck);
        amount.getDocument().addDocumentListener(recheck);
        send.addActionListener(e -> trySend());
        previewTimer.setRepeats(false);
        model.addListener(this::validateForm);
        validateForm();
    }

    private void formChanged() {
        validateForm();
        previewRound++; // a preview in flight is for the old form now
        shownQuote = null;
        previewProblem = null;
        feePreview.setText(" ");
        previewTimer.restart();
    }

    /** The rules applied now; errors shown only for fields that have text (an empty form is not scolded). */
    private SendCheck.Result validateForm() {
        SendCheck.Result r = SendCheck.check(address.getText(), amount.getText(), model.network(),
                model.balances().trusted());
        Ui.showError(addressError, address.getText().isBlank() ? null : r.addressError());
        Ui.showError(amountError, amount.getText().isBlank() ? null : r.amountError());
        Ui.showError(feeError, fee.problem() != null ? fee.problem() : previewProblem);
        address.putClientProperty("JComponent.outline", address.getText().isBlank() || r.addressError() == null ? null : "error");
        amount.putClientProperty("JComponent.outline", amount.getText().isBlank() || r.amountError() == null ? null : "error");
        send.setEnabled(r.ok() && fee.problem() == null && !sending && model.wallet() != null);
        return r;
    }

    /** Asks the wallet what the send would cost now, off the event thread; shows it unless the form changed meanwhile. */
    private void preview() {
        SendCheck.Result r = validateForm();
        Wallet wallet = model.wallet();
        FeeSelector.Choice choice = fee.choice();
        if (!r.ok() || choice == null || wallet == null) {
            return;
        }
        long round = previewRound;
        String to = address.getText().strip();
        model.background.run("Estimating the fee", () -> quote(wallet, to, r.satoshis(), choice), q -> {
            if (round == previewRound) {
                shownQuote = q;
                feePreview.setText("Estimated fee: " + q.describe());
            }
        }, e -> {
            if (round == previewRound) {
                feePreview.setText(" ");
                previewProblem = "No fee estimate: " + Ui.reason(e);
                validateForm();
            }
        });
    }

    /** The rate {@code choice} stands for now and the fee of this send at it (worker thread). */
    private static Quote quote(Wallet wallet, String to, long satoshis, FeeSelector.Choice choice) {
        long rate = choice.target() > 0 ? wallet.getFeeRate(choice.target()) : choice.satPerKvb();
        return new Quote(choice, rate, wallet.estimateSendFee(to, satoshis, rate));
    }

    private void trySend() {
        SendCheck.Result r = validateForm();
        FeeSelector.Choice choice = fee.choice();
        if (!r.ok() || choice == null) {
            // Enter in a field, or a click racing a keystroke: refuse with the messages, send nothing.
            Ui.showError(addressError, r.addressError());
            Ui.showError(amountError, r.amountError());
            return;
        }
        Wallet wallet = model.wallet();
        if (wallet == null) {
            return;
        }
        String to = address.getText().strip();
        String uri = WalletModel.walletUri(model.walletName());
        String name = model.walletName();
        setSending(true, "Preparing…");
        // the fee is asked again: the preview may be older than the last block or the last send
        model.background.run("Preparing the transaction", () -> new Prepared(quote(wallet, to, r.satoshis(), choice),
                WalletLocks.isLocked(model.node, uri)), p -> {
                    setSending(false, " ");
                    shownQuote = p.quote;
                    feePreview.setText("Estimated fee: " + p.quote.describe());
                    if (!confirmation.confirm(to, r.satoshis(), p.quote)) {
                        return;
                    }
                    String passphrase = null;
                    if (p.locked) {
                        passphrase = unlock.passphrase(name);
                        if (passphrase == null) {
                            result.setText("Not sent: the wallet is locked");
                            return;
                        }
                    }
                    send(wallet, uri, to, r.satoshis(), p.quote, passphrase);
                }, e -> {
                    setSending(false, "Not sent: " + Ui.reason(e));
                });
    }

    private record Prepared(Quote quote, boolean locked) {
    }

    private void send(Wallet wallet, String uri, String to, long satoshis, Quote quote, String passphrase) {
        setSending(true, "Sending…");
        model.background.run("Sending", () -> WalletLocks.whileUnlocked(model.node, uri, passphrase,
                () -> wallet.sendToAddress(to, satoshis, quote.satPerKvb())), txid -> {
                    sending = false;
                    sent++;
                    result.setText("Sent " + BtcAmount.format(satoshis) + " BTC: " + txid);
                    address.setText("");
                    amount.setText("");
                    model.refresh();
                    validateForm();
                }, e -> setSending(false, "Not sent: " + Ui.reason(e)));
    }

    private void setSending(boolean now, String message) {
        sending = now;
        result.setText(message);
        validateForm();
    }

    /** Sends that succeeded (tests wait on it). */
    long sentCount() {
        return sent;
    }

    /** The fee preview shown now, or null (tests compare it with the fee paid). */
    Quote shownQuote() {
        return shownQuote;
    }

    static DocumentListener onChange(Consumer<DocumentEvent> action) {
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
